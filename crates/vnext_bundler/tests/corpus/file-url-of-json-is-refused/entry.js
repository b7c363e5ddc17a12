const data = new URL('./data.json', import.meta.url)
console.log(String(data))
