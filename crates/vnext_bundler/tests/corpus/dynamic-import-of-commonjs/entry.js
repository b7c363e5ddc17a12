import('./legacy.cjs').then((namespace) => console.log(namespace.default.name, namespace.name, typeof namespace.default))
