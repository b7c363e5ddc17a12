export const helper = () => 'helper ran'
