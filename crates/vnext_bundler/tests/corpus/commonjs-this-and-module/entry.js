const self = require('./self.js')
console.log(self.viaThis, self.viaModule, self.id !== undefined)
