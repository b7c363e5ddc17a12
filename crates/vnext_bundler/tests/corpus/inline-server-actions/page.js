// A server component module (no directive) whose functions are server actions.
const PREFIX = 'saved'

export function Page(label) {
  async function save(value) {
    'use server'
    return `${PREFIX} ${label}: ${value}`
  }
  const remove = async (value) => {
    'use server'
    return `removed ${value}`
  }
  return { save, remove }
}
