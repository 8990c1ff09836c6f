// The checks that read the code without running it (types, lint, format), side by side: each is single-threaded, so
// on two cores they take about half as long together as one after another. Run alone it fails when any of them
// fails; test/test.mjs runs them beside vitest.
import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import { fileURLToPath } from 'node:url'

const CHECKS = [
  ['types', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'eslint', ['.']],
  ['format', 'prettier', ['--check', '--log-level', 'warn', '.']],
]

/**
 * Runs every check; resolves with the names of those that failed, each failure's output written to stderr. `priority`
 * (a nice value) lowers their claim on the CPU when something more urgent runs beside them.
 */
export async function staticChecks(priority = 0) {
  const results = await Promise.all(
    CHECKS.map(
      ([name, bin, args]) =>
        new Promise((resolve) => {
          const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] })
          if (priority && child.pid !== undefined) {
            try {
              setPriority(child.pid, priority)
            } catch {
              // A system that refuses it runs them at the usual priority: slower beside vitest, never wrong.
            }
          }
          let output = ''
          child.stdout.on('data', (d) => (output += d))
          child.stderr.on('data', (d) => (output += d))
          child.on('close', (code) => resolve({ name, code, output }))
        }),
    ),
  )
  for (const r of results) {
    if (r.code !== 0) process.stderr.write(`${r.name} failed:\n${r.output}\n`)
  }
  return results.filter((r) => r.code !== 0).map((r) => r.name)
}

export const staticLine = (failed) =>
  failed.length ? `static checks failed: ${failed.join(', ')}` : 'static checks passed: types, lint, format'

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const failed = await staticChecks()
  process.stdout.write(`${staticLine(failed)}\n`)
  process.exit(failed.length ? 1 : 0)
}
