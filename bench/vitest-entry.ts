// On-demand bench (not in CI): what `scim-preflight/vitest` adds to a vendor's vitest start. In plain Node, the import
// of vitest alone next to vitest plus the built entry point (dist/vitest.js); in vitest, a spec that registers the whole
// suite with entraSuite() and selects no test (-t), next to a spec with one empty test: collection and registration,
// no flow run. Rounds interleaved, medians. Run: npx tsx bench/vitest-entry.ts (BENCH_ROUNDS, default 5).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, freshBuild } from '../cli/build/build.js'

const ROOT = new URL('../', import.meta.url).pathname
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const VITEST = join(ROOT, 'node_modules/.bin/vitest')
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('SCIM_') && !k.startsWith('VITEST')),
)

if (!freshBuild()) await build()
const work = mkdtempSync(join(tmpdir(), 'spf-bench-vitest-'))
const entry = join(ROOT, 'dist/vitest.js')
const vitestUrl = import.meta.resolve('vitest')
writeFileSync(join(work, 'empty.spec.mjs'), `import { test } from 'vitest'\ntest('nothing', () => {})\n`)
writeFileSync(
  join(work, 'entra.spec.mjs'),
  `import { entraSuite } from ${JSON.stringify(entry)}\nentraSuite({ args: ['--report', 'console'] })\n`,
)
// The package as a vendor installs it is loaded by Node, not transformed by vitest: the same here for dist/.
writeFileSync(
  join(work, 'vitest.config.mjs'),
  `export default { test: { server: { deps: { external: [/\\/dist\\//] } } } }\n`,
)

/** Wall and CPU seconds (user + system, the reaped workers included: GNU time), CPU being what a busy machine keeps honest. */
const time = (cmd: string, args: string[]): { wall: number; cpu: number } => {
  const out = join(work, 'time.txt')
  const t0 = performance.now()
  execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', out, cmd, ...args], {
    cwd: work,
    stdio: 'ignore',
    env: { ...env, NO_COLOR: '1' },
  })
  const [user, sys] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
  return { wall: (performance.now() - t0) / 1000, cpu: user! + sys! }
}
const rows: Record<string, { wall: number; cpu: number }[]> = {
  importVitest: [],
  importBoth: [],
  vitestEmpty: [],
  vitestEntra: [],
}
try {
  for (let i = 0; i < ROUNDS; i++) {
    rows.importVitest!.push(
      time(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(vitestUrl)})`]),
    )
    rows.importBoth!.push(
      time(process.execPath, [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(vitestUrl)}); await import(${JSON.stringify(entry)})`,
      ]),
    )
    rows.vitestEmpty!.push(time(VITEST, ['run', 'empty.spec.mjs']))
    rows.vitestEntra!.push(time(VITEST, ['run', 'entra.spec.mjs', '-t', 'no test has this name', '--passWithNoTests']))
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
type Pair = { wall: number; cpu: number }
const m = Object.fromEntries(
  Object.entries(rows).map(([k, v]) => [k, { wall: median(v.map((x) => x.wall)), cpu: median(v.map((x) => x.cpu)) }]),
) as Record<'importVitest' | 'importBoth' | 'vitestEmpty' | 'vitestEntra', Pair>
const minus = (a: Pair, b: Pair): Pair => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu })
const cpu = cpus()
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${ROUNDS} rounds, medians`,
)
const row = (label: string, s: Pair) =>
  console.log(`${label.padEnd(64)} wall ${s.wall.toFixed(2)} s   CPU ${s.cpu.toFixed(2)} s`)
row('node: import vitest', m.importVitest)
row('node: import vitest + scim-preflight/vitest (dist)', m.importBoth)
row("  the entry point's own import", minus(m.importBoth, m.importVitest))
row('vitest run: a spec with one empty test', m.vitestEmpty)
row('vitest run: entraSuite() registering 167 tests, none selected', m.vitestEntra)
row('  what entraSuite adds to a vitest start', minus(m.vitestEntra, m.vitestEmpty))
