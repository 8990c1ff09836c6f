// `npm test` after the build: the static checks (types, lint, format) and vitest at once. vitest's CLI processes
// and servers leave the cores idle now and then (a hang a test waits out, a child starting); the static checks,
// at a lower priority, fill those gaps instead of taking 20 s of their own before the tests start. Fails when
// either fails; vitest's summary stays the last line when everything passes.
import { spawn } from 'node:child_process'
import { staticChecks, staticLine } from './static-checks.mjs'

const checked = staticChecks(10).then((failed) => {
  process.stdout.write(`${staticLine(failed)}\n`)
  return failed
})
const vitest = spawn('node_modules/.bin/vitest', ['run', ...process.argv.slice(2)], { stdio: 'inherit' })
const tested = new Promise((resolve) => vitest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
const [failed, code] = await Promise.all([checked, tested])
if (failed.length) process.stderr.write(`${staticLine(failed)}\n`)
process.exit(failed.length || code !== 0 ? 1 : 0)
