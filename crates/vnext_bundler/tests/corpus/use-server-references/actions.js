'use server'

export async function save(item) {
  return `saved ${item}`
}
export const remove = async (item) => `removed ${item}`
const archive = async () => 'archived'
export { archive as 'archive-all' }
export default async function () {
  return 'default action'
}
