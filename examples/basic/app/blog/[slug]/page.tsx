import { notFound } from 'next/navigation'

export const revalidate = 60

const POSTS: Record<string, string> = { hello: 'Hello from a Worker', world: 'The world, rendered at the edge' }

export async function generateStaticParams() {
  return Object.keys(POSTS).map((slug) => ({ slug }))
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  return { title: POSTS[slug] ?? 'Not found' }
}

export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  if (!POSTS[slug]) notFound()
  return <h1>{POSTS[slug]}</h1>
}
