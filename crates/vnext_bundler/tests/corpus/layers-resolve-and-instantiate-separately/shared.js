export { where } from 'conditional'
export const instance = {}
