console.log('lazy evaluated')
export default 'lazy default'
export const named = 'lazy named'
