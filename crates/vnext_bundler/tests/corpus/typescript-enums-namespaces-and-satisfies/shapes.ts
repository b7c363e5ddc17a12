export type Shape = { kind: 'circle'; radius: number } | { kind: 'square'; side: number }

export enum Color {
  Red = 1,
  Green,
}

export namespace Geometry {
  export function area(shape: Shape): number {
    return shape.kind === 'circle' ? Math.PI * shape.radius ** 2 : shape.side ** 2
  }
}

export const palette = { primary: 'navy' } satisfies Record<string, string>
