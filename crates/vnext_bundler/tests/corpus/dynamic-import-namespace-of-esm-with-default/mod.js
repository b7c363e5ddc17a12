export default function main() { return 'main ran' }
export const extra = 'extra'
