// A page's loader tree, from the route manifest's compact form. The manifest lists
// each segment once; a page's tree is `[segment]` or `[segment, { slot: tree }]`, with
// `segment` an index into that list. Pages share the segment objects.

/**
 * @template Files
 * @param {ReadonlyArray<import('./loader-tree.d.ts').TreeSegment<Files>>} segments
 * @param {import('./loader-tree.d.ts').CompactTree} tree
 * @returns {import('./loader-tree.d.ts').LoaderTree<Files>}
 */
export function expandTree(segments, [index, slots]) {
  const segment = segments[index]
  if (!slots) return segment
  const expanded = {}
  for (const name in slots) expanded[name] = expandTree(segments, slots[name])
  return { ...segment, slots: expanded }
}
