import routes from './routes.cjs'
console.log(routes.count, routes.first)
