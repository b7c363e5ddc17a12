export default function Loading() {
  return <p>Loading the post…</p>
}
