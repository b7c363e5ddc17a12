/** A folder of a page's tree and the files it renders with. */
export interface TreeSegment<Files = string> {
  /** The folder name (`blog`, `[slug]`, `(group)`, `@modal`), `__DEFAULT__` for a `default` standing in for `children`. */
  segment: string
  /** Convention (`layout`, `template`, `loading`, `error`, `not-found`, …, and the leaf's `page` or `default`) to file. */
  files: Record<string, Files>
}

/** A page's tree as the route manifest stores it: an index into `RouteManifest.segments`, and the slots by name. */
export type CompactTree = [segment: number, slots?: Record<string, CompactTree>]

/** The tree React renders for a page: `children` and each `@slot` under each segment. */
export interface LoaderTree<Files = string> extends TreeSegment<Files> {
  slots?: Record<string, LoaderTree<Files>>
}

export function expandTree<Files>(segments: ReadonlyArray<TreeSegment<Files>>, tree: CompactTree): LoaderTree<Files>
