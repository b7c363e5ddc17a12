import { NextRequest } from 'next/server'

export async function GET(request: NextRequest) {
  return Response.json({ hello: request.nextUrl.searchParams.get('name') ?? 'world' })
}
