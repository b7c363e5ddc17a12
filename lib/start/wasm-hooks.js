// Node module hooks for the Worker's chunks: importing a `.wasm` file gives its compiled
// `WebAssembly.Module`, as workerd's `CompiledWasm` modules do.

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.wasm')) return nextLoad(url, context)
  return {
    format: 'module',
    shortCircuit: true,
    source: `import { readFileSync } from 'node:fs'\nexport default new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(url)})))\n`,
  }
}
