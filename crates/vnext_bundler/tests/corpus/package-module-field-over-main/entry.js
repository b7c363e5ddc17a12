import which from 'dual'
// Without an exports map, the module field wins over main, as in webpack and esbuild.
console.log(which)
