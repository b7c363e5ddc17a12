Promise.all([1, 2, 3].map(() => import('./counter.js'))).then((namespaces) => {
  console.log(namespaces.every((ns) => ns === namespaces[0]), namespaces[0].loads)
})
