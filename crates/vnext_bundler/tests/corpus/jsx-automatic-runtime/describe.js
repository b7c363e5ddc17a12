export function describe(node) {
  if (Array.isArray(node)) return node.map(describe).join('')
  if (node == null || typeof node !== 'object') return String(node)
  const key = node.key != null ? ` key=${node.key}` : ''
  return `<${node.type}${key}>${describe(node.props.children ?? [])}</${node.type}>`
}
