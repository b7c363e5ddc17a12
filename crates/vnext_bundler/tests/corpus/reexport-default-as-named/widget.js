export const version = 2
export default class Widget { render() { return 'widget rendered' } }
