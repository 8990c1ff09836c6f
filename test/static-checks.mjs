// The checks that read the code without running it (types, lint, format), side by side: each is single-threaded, so
// on two cores they take about half as long together as one after another. Fails when any of them fails.
import { spawn } from 'node:child_process'

const CHECKS = [
  ['types', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'eslint', ['.']],
  ['format', 'prettier', ['--check', '--log-level', 'warn', '.']],
]

const results = await Promise.all(
  CHECKS.map(
    ([name, bin, args]) =>
      new Promise((resolve) => {
        const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] })
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
const failed = results.filter((r) => r.code !== 0).map((r) => r.name)
process.stdout.write(
  failed.length ? `static checks failed: ${failed.join(', ')}\n` : 'static checks passed: types, lint, format\n',
)
process.exit(failed.length ? 1 : 0)
