export default function Stats() {
  return <p>Stats</p>
}
