// `next/og`: ImageResponse needs an SVG and PNG renderer that runs in a Worker, which
// vnext does not bundle yet. Importing works, so the rest of the app builds; rendering
// an image says plainly that it is missing.
export class ImageResponse extends Response {
  constructor() {
    super()
    throw new Error('vnext does not support ImageResponse from next/og yet; serve a static opengraph-image.png instead.')
  }
}
