// `next/og`: ImageResponse draws with Next's own build of `@vercel/og` for edge
// runtimes (satori, and resvg and yoga as WebAssembly modules). It loads on first use,
// so a Worker whose pages never draw an image does not evaluate its 2 MB.
const renderer = () => import('next/dist/compiled/@vercel/og/index.edge.js')

export class ImageResponse extends Response {
  static displayName = 'ImageResponse'

  /**
   * @param {import('react').ReactElement} element
   * @param {{ width?: number, height?: number, headers?: HeadersInit, status?: number, statusText?: string, fonts?: object[], emoji?: string, debug?: boolean }} [options]
   */
  constructor(...args) {
    const body = new ReadableStream({
      async start(controller) {
        const { ImageResponse: Renderer } = await renderer()
        const rendered = new Renderer(...args)
        if (rendered.body) {
          for await (const chunk of rendered.body) controller.enqueue(chunk)
        }
        controller.close()
      },
    })
    const options = args[1] ?? {}
    // Next's headers: a PNG that is revalidated, unless the app says otherwise.
    const headers = new Headers({ 'content-type': 'image/png', 'cache-control': 'public, max-age=0, must-revalidate' })
    if (options.headers) new Headers(options.headers).forEach((value, key) => headers.set(key, value))
    super(body, { headers, status: options.status, statusText: options.statusText })
  }
}
