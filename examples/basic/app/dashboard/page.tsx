export const dynamic = 'force-dynamic'

export default function Dashboard() {
  return <h1>Dashboard</h1>
}
