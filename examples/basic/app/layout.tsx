export const metadata = { title: { template: '%s | Basic', default: 'Basic' } }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
