export type Props<T> = { items: T[]; render: (item: T) => string }
export interface Named { name: string }
export function list<T>({ items, render }: Props<T>): string {
  return items.map(render).join(', ')
}
