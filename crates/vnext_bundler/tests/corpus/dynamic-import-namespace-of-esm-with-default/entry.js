import('./mod.js').then((ns) => console.log(ns.default(), ns.extra, Object.keys(ns).sort().join(',')))
