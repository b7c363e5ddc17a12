import addModule from './add.wasm'

console.log(new WebAssembly.Instance(addModule).exports.add(1, 2))
