async function* numbers() { for (let i = 1; i <= 3; i++) { await null; yield i * i } }
export async function collect() { const out = []; for await (const n of numbers()) out.push(n); return out }
