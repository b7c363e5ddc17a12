export default function DashboardLayout({ children, stats }: { children: React.ReactNode; stats: React.ReactNode }) {
  return (
    <section>
      {stats}
      {children}
    </section>
  )
}
