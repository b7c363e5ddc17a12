const base = 20
export default base + 1
