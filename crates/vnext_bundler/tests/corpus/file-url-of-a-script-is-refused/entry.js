const worker = new URL('./worker.js', import.meta.url)
console.log(String(worker))
