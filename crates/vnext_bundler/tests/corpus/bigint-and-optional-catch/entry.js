const big = 10n ** 20n
let parsed
try {
  parsed = JSON.parse('{bad')
} catch {
  parsed = 'fallback'
}
console.log(big.toString(), typeof big, parsed)
