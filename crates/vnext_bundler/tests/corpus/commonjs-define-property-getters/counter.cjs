let count = 0
Object.defineProperty(exports, 'count', { enumerable: true, get: () => count })
exports.increment = () => { count += 1 }
