import { Counter } from './counter'

export default function Home() {
  return (
    <>
      <h1>Home</h1>
      <p>Server-rendered in a Worker; the counter below is a client component.</p>
      <Counter />
    </>
  )
}
