// A generated App Router app of any number of routes, written so that `next build`,
// vinext and vnext all build it unchanged. Routes come in sections of ten: a nested
// layout with a CSS module, an index page with metadata, six static pages, a dynamic
// `[id]` page with `generateMetadata`, a page with a stateful client component, and a
// route handler. Every page uses the shared data module and the shared counter.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The route kinds of one section, in the order routes are added. */
const SECTION_ROUTES = ['index', 'static-1', 'static-2', 'static-3', 'static-4', 'static-5', 'static-6', 'dynamic', 'client', 'handler']
/** Routes outside the sections: `/`, `/about` and `/api/health`. */
const ROOT_ROUTES = 3

const ROOT_FILES = {
  'package.json': '{ "name": "bench-app", "private": true, "type": "module" }\n',
  'app/globals.css': `:root { --accent: #0a6cff; --muted: #667085; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, sans-serif; color: #101828; }
nav { display: flex; gap: 1rem; padding: 1rem 2rem; border-bottom: 1px solid #eaecf0; }
nav a { color: var(--accent); text-decoration: none; }
main { max-width: 48rem; margin: 0 auto; padding: 2rem; }
`,
  'app/layout.js': `import Link from 'next/link'

import './globals.css'

export const metadata = { title: { template: '%s | Bench', default: 'Bench' }, description: 'A generated benchmark app' }

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Home</Link>
          <Link href="/about">About</Link>
          <Link href="/s0">Section 0</Link>
        </nav>
        {children}
      </body>
    </html>
  )
}
`,
  'app/page.js': `import Link from 'next/link'

import Counter from './components/counter'
import { sections } from './lib/data'

export default function Home() {
  return (
    <main>
      <h1>Bench</h1>
      <Counter label="home" />
      <ul>
        {sections().map((section) => (
          <li key={section}><Link href={\`/\${section}\`}>{section}</Link></li>
        ))}
      </ul>
    </main>
  )
}
`,
  'app/about/page.js': `export const metadata = { title: 'About' }

export default function About() {
  return <main><h1>About</h1><p>A generated app for comparing build tools.</p></main>
}
`,
  'app/api/health/route.js': `export function GET() {
  return Response.json({ ok: true })
}
`,
  'app/components/counter.js': `'use client'

import { useState } from 'react'

import styles from './counter.module.css'

export default function Counter({ label }) {
  const [count, setCount] = useState(0)
  return (
    <button type="button" className={styles.counter} onClick={() => setCount(count + 1)}>
      {label}: {count}
    </button>
  )
}
`,
  'app/components/counter.module.css': `.counter { padding: 0.5rem 1rem; border: 1px solid var(--accent); border-radius: 0.5rem; background: white; }
.counter:hover { background: #f0f6ff; }
`,
}

function dataModule(sectionCount) {
  const sections = Array.from({ length: sectionCount }, (_, i) => `s${i}`)
  return `const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']

/** Deterministic paragraphs, so every tool renders the same text. */
export function paragraphs(seed, count = 3) {
  return Array.from({ length: count }, (_, i) =>
    Array.from({ length: 24 }, (_, j) => WORDS[(seed * 7 + i * 5 + j * 3) % WORDS.length]).join(' '),
  )
}

export function sections() {
  return ${JSON.stringify(sections)}
}
`
}

function sectionFiles(section, kinds) {
  const name = `s${section}`
  const files = {
    [`app/${name}/layout.js`]: `import styles from './section.module.css'

export default function SectionLayout({ children }) {
  return <div className={styles.section}><p className={styles.crumb}>Section ${section}</p>{children}</div>
}
`,
    [`app/${name}/section.module.css`]: `.section { border-left: 4px solid var(--accent); padding-left: 1rem; }
.crumb { color: var(--muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.05em; }
`,
  }
  const page = (path, body) => (files[`app/${name}/${path}`] = body)
  for (const kind of kinds) {
    if (kind === 'index') {
      page(
        'page.js',
        `import Link from 'next/link'

import Counter from '../components/counter'
import { paragraphs } from '../lib/data'

export const metadata = { title: 'Section ${section}' }

export default function SectionIndex() {
  return (
    <main>
      <h1>Section ${section}</h1>
      <Counter label="section ${section}" />
      {paragraphs(${section}).map((text, i) => <p key={i}>{text}</p>)}
      <Link href="/${name}/static-1">First page</Link>
    </main>
  )
}
`,
      )
    } else if (kind.startsWith('static-')) {
      page(
        `${kind}/page.js`,
        `import Counter from '../../components/counter'
import { paragraphs } from '../../lib/data'

export const metadata = { title: 'Section ${section}, ${kind}' }

export default function StaticPage() {
  return (
    <main>
      <h1>Section ${section}, ${kind}</h1>
      <Counter label="${kind}" />
      {paragraphs(${section * 10 + Number(kind.slice(7))}, 4).map((text, i) => <p key={i}>{text}</p>)}
    </main>
  )
}
`,
      )
    } else if (kind === 'dynamic') {
      page(
        '[id]/page.js',
        `import { paragraphs } from '../../lib/data'

export async function generateMetadata({ params }) {
  const { id } = await params
  return { title: \`Item \${id} of section ${section}\` }
}

export default async function ItemPage({ params }) {
  const { id } = await params
  return (
    <main>
      <h1>Item {id}</h1>
      {paragraphs(Number(id) || ${section}, 2).map((text, i) => <p key={i}>{text}</p>)}
    </main>
  )
}
`,
      )
    } else if (kind === 'client') {
      page(
        'client/page.js',
        `import Widget from './widget'

export const metadata = { title: 'Section ${section}, client' }

export default function ClientPage() {
  return <main><h1>Client widget ${section}</h1><Widget start={${section}} /></main>
}
`,
      )
      page(
        'client/widget.js',
        `'use client'

import { useMemo, useState } from 'react'

import styles from './widget.module.css'

export default function Widget({ start }) {
  const [items, setItems] = useState(() => [start])
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => items.filter((item) => String(item).includes(filter)), [items, filter])
  return (
    <section className={styles.widget}>
      <input className={styles.filter} value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter" />
      <button type="button" onClick={() => setItems([...items, items.length + start])}>Add item ${section}</button>
      <ul>{shown.map((item) => <li key={item}>Item {item}</li>)}</ul>
    </section>
  )
}
`,
      )
      page(
        'client/widget.module.css',
        `.widget { display: grid; gap: 0.5rem; padding: 1rem; background: #f9fafb; border-radius: 0.5rem; }
.filter { padding: 0.25rem 0.5rem; border: 1px solid #d0d5dd; }
`,
      )
    } else if (kind === 'handler') {
      page(
        'api/route.js',
        `export function GET(request) {
  return Response.json({ section: ${section}, url: new URL(request.url).pathname })
}
`,
      )
    }
  }
  return files
}

/**
 * Writes an app of exactly `routeCount` routes (at least the three outside sections)
 * into `dir`, replacing what was there.
 * @param {string} dir
 * @param {number} routeCount
 * @returns {{ sampleRoutes: string[] }} a few routes of each kind, for measuring pages
 */
export function writeBenchApp(dir, routeCount) {
  if (routeCount < ROOT_ROUTES) throw new Error(`a bench app has at least ${ROOT_ROUTES} routes`)
  rmSync(dir, { recursive: true, force: true })
  const files = { ...ROOT_FILES }
  let remaining = routeCount - ROOT_ROUTES
  let sectionCount = 0
  while (remaining > 0) {
    const kinds = SECTION_ROUTES.slice(0, remaining)
    Object.assign(files, sectionFiles(sectionCount, kinds))
    remaining -= kinds.length
    sectionCount++
  }
  files['app/lib/data.js'] = dataModule(sectionCount)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const firstSectionComplete = routeCount >= ROOT_ROUTES + SECTION_ROUTES.length
  return { sampleRoutes: ['/', '/about', ...(firstSectionComplete ? ['/s0', '/s0/static-1', '/s0/42', '/s0/client'] : [])] }
}
