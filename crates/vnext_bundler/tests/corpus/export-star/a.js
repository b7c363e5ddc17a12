export const a = 'A'
export default 'not re-exported'
