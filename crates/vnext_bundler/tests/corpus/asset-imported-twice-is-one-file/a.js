import pixel from './pixel.gif'
export const url = pixel
