import('./fr.json').then((module) => console.log(module.default.greeting, module.default.locale))
