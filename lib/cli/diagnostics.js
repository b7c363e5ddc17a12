// Prints diagnostics from the Rust core: errors and warnings with their files and
// code frames, to stderr.

/** @param {import('../../index.d.ts').Diagnostic[]} diagnostics */
export function printDiagnostics(diagnostics) {
  for (const diagnostic of diagnostics) {
    const label = diagnostic.severity === 'error' ? 'Error' : 'Warning'
    const lines = []
    if (diagnostic.location) {
      const { file, line, column } = diagnostic.location
      lines.push(`./${file}:${line}:${column}`)
    }
    lines.push(`${label}: ${diagnostic.message}`)
    if (diagnostic.codeFrame) lines.push(diagnostic.codeFrame)
    if (diagnostic.importTrace?.length) lines.push(['Import trace:', ...diagnostic.importTrace.map((file) => `  ./${file}`)].join('\n'))
    if (diagnostic.files.length > 0) lines.push(`Files: ${diagnostic.files.join(', ')}`)
    process.stderr.write(`${lines.join('\n')}\n\n`)
  }
}
