import Link from 'next/link'

import './globals.css'

export const metadata = { title: { template: '%s | Basic', default: 'Basic' }, description: 'The vnext example app' }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Home</Link> <Link href="/blog/hello">Blog</Link> <Link href="/dashboard">Dashboard</Link>{' '}
          <Link href="/docs/getting-started">Docs</Link> <Link href="/pricing">Pricing</Link>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  )
}
