export enum Kind { Square, Circle }
export interface Shape { kind: Kind; size: number }
export function area(shape: Shape): number { return shape.kind === Kind.Square ? shape.size ** 2 : Math.round(Math.PI * shape.size ** 2) }
