export const revalidate = 60

export async function generateStaticParams() {
  return [{ slug: 'hello' }, { slug: 'world' }]
}

export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  return <h1>{slug}</h1>
}
