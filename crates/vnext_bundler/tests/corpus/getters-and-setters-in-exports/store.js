let value = 1
export const store = {
  get value() { return value },
  set value(next) { value = next * 10 },
}
export function bump() { value += 1 }
