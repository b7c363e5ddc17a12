const config = { retries: 0, nested: { label: null } }
console.log(config.retries ?? 3, config.missing?.deep ?? 'none', config.nested.label ?? 'unlabelled')
let count = null
count ??= 5
count ||= 9
console.log(count, 2 ** 10, [1, [2, [3]]].flat(Infinity).join(''))
const { retries, ...rest } = config
console.log(retries, Object.keys(rest).join(','), 1_000_000, [...'ab'].at(-1))
label: for (const x of [1, 2]) {
  for (const y of [1, 2]) {
    if (y === 2) continue label
    console.log(x, y)
  }
}
