export const value = 7
export default 'value default'
