// On-demand bench for issue 9 (not in CI): the load generator against autocannon on the same request, the
// conformance run's wall time against the 2 s goal, and the load run's peak RSS at 10,000 and 100,000 users.
// The reference endpoint runs in its own process, so each client is measured alone. Run: npm run bench
// (BENCH_PARTS=ab skips the long memory runs; BENCH_SECONDS, BENCH_ROUNDS, BENCH_*_USERS tune the rest.)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { Engine, type Job } from '../helpers/load/engine.ts'
import type { LoadResult } from '../helpers/model/load-result.ts'
import { LoadStats } from '../helpers/load/stats.ts'
import { WirePool } from '../helpers/load/wire.ts'
import { buildQuery } from '../helpers/client/scim-client.ts'
import { startEndpoint } from './endpoint.ts'

const ROOT = new URL('../', import.meta.url).pathname
const BIN = join(ROOT, 'cli/bin.js')
const TOKEN = 'bench-token-0123456789abcdef'
const CONNECTIONS = 10
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const LARGE = Number(process.env.BENCH_LARGE_USERS ?? 100_000)
const SMALL = Number(process.env.BENCH_SMALL_USERS ?? 10_000)
/** Which measurements to run: a (vs autocannon), b (conformance run), c (memory); default all. */
const PARTS = process.env.BENCH_PARTS ?? 'abc'
const QUERY = `/Users${buildQuery([['filter', 'userName eq "bench.nobody@contoso.example"']])}`

const version = (pkg: string): string =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const r1 = (n: number): string => n.toFixed(1)

interface Measured {
  rps: number
  cpuUsPerRequest: number
}

async function viaAutocannon(url: string): Promise<Measured> {
  const cpu0 = process.cpuUsage()
  const r = await autocannon({
    url: url + QUERY,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${TOKEN}` },
  })
  const cpu = process.cpuUsage(cpu0)
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`autocannon saw ${r.non2xx} non-2xx and ${r.errors} errors`)
  return { rps: r.requests.total / SECONDS, cpuUsPerRequest: (cpu.user + cpu.system) / r.requests.total }
}

/** The load generator's own machinery (pool, open-loop engine, streaming stats) on the same request. */
async function viaLoadEngine(url: string): Promise<Measured> {
  const base = new URL(url)
  const pool = new WirePool({ origin: base, connections: CONNECTIONS, timeoutMs: 10_000, maxBodyBytes: 1e7 })
  const stats = new LoadStats(performance.now(), [TOKEN])
  const engine = new Engine({
    pool,
    basePath: base.pathname,
    origin: base.origin,
    token: TOKEN,
    concurrency: CONNECTIONS,
    stats,
  })
  const job: Job = { kind: 'query', method: 'GET', path: QUERY, expect: [200] }
  const end = performance.now() + SECONDS * 1000
  function* forever(): Generator<Job> {
    while (performance.now() < end) yield job
  }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await engine.run(forever())
  const s = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  engine.close()
  pool.close()
  if (stats.failures > 0) throw new Error(`load engine saw ${stats.failures} failures`)
  return { rps: stats.requests / s, cpuUsPerRequest: (cpu.user + cpu.system) / stats.requests }
}

/** Wall time, and CPU time of the child (wall time on a busy machine says more about the neighbours). */
function conformanceRun(): { wall: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), 'spf-bench-run-'))
  const cpuFile = join(dir, 'cpu.json')
  const t0 = performance.now()
  try {
    execFileSync(
      process.execPath,
      ['--import', join(ROOT, 'bench/cpu-at-exit.mjs'), BIN, '--report', 'json', '--report-dir', dir],
      { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', BENCH_CPU_FILE: cpuFile } },
    )
  } catch (err) {
    throw new Error(`the conformance run failed: ${(err as Error).message}`, { cause: err })
  }
  const wall = (performance.now() - t0) / 1000
  return { wall, cpu: (JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuSeconds: number }).cpuSeconds }
}

function loadRun(url: string, users: number): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), 'spf-bench-load-'))
  execFileSync(
    process.execPath,
    [
      BIN,
      'load',
      '--url',
      url,
      '--token',
      TOKEN,
      '--users',
      String(users),
      '--groups',
      '100',
      '--report',
      'json',
      '--report-dir',
      dir,
      '--no-progress',
    ],
    { stdio: 'ignore' },
  )
  const run = readdirSync(dir).find((d) => d !== 'latest')!
  return JSON.parse(readFileSync(join(dir, run, 'load.json'), 'utf8')) as LoadResult
}

const line = (label: string, value: string, goal = '') => console.log(`${label.padEnd(44)} ${value.padEnd(34)} ${goal}`)

const cpu = cpus()
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
console.log(
  `versions: node ${process.version}, scim-preflight ${version('..')}, autocannon ${version('autocannon')}, axios ${version('axios')}, tsx ${version('tsx')}`,
)
console.log(`(a) ${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, GET ${QUERY}\n`)

const endpoint = await startEndpoint(TOKEN)
try {
  if (PARTS.includes('a')) {
    const ac: Measured[] = []
    const le: Measured[] = []
    await viaLoadEngine(endpoint.url) // warm-up for both the endpoint and the engine
    for (let i = 0; i < ROUNDS; i++) {
      ac.push(await viaAutocannon(endpoint.url))
      le.push(await viaLoadEngine(endpoint.url))
    }
    const acRps = median(ac.map((m) => m.rps))
    const leRps = median(le.map((m) => m.rps))
    line(
      'reference endpoint, requests/s (autocannon)',
      `${r1(acRps)} (median; rounds ${ac.map((m) => r1(m.rps)).join(', ')})`,
    )
    line('load mode, requests/s', `${r1(leRps)} (median; rounds ${le.map((m) => r1(m.rps)).join(', ')})`)
    line('(a) load mode / autocannon', r1(leRps / acRps), `goal ≥ 0.8 ${leRps / acRps >= 0.8 ? 'met' : 'MISSED'}`)
    line(
      '    client CPU per request, load / autocannon',
      `${r1(median(le.map((m) => m.cpuUsPerRequest)))} µs / ${r1(median(ac.map((m) => m.cpuUsPerRequest)))} µs`,
    )
  }

  if (PARTS.includes('b')) {
    const runs = Array.from({ length: ROUNDS }, conformanceRun)
    const wall = median(runs.map((r) => r.wall))
    const cpuS = median(runs.map((r) => r.cpu))
    line(
      '(b) conformance run, both dialects, wall time',
      `${wall.toFixed(2)} s (runs ${runs.map((r) => r.wall.toFixed(2)).join(', ')})`,
      `ratio to 2 s goal ${(wall / 2).toFixed(2)} ${wall < 2 ? 'met' : 'MISSED'}`,
    )
    line(
      '    its CPU time (all threads)',
      `${cpuS.toFixed(2)} s (runs ${runs.map((r) => r.cpu.toFixed(2)).join(', ')})`,
      `ratio to 2 s ${(cpuS / 2).toFixed(2)}`,
    )
  }

  if (PARTS.includes('c')) {
    const small = loadRun(endpoint.url, SMALL)
    const large = loadRun(endpoint.url, LARGE)
    line(
      `(c) load run peak RSS, ${SMALL.toLocaleString('en-US')} users`,
      `${small.process.peakRssMB} MB (${small.throughput.requestsPerSecond} req/s, ${small.verdict.kind})`,
    )
    line(
      `    load run peak RSS, ${LARGE.toLocaleString('en-US')} users`,
      `${large.process.peakRssMB} MB (${large.throughput.requestsPerSecond} req/s, ${large.verdict.kind})`,
      `goal < 300 MB ${large.process.peakRssMB < 300 ? 'met' : 'MISSED'}`,
    )
    line(
      '    ratio large / small',
      r1(large.process.peakRssMB / small.process.peakRssMB),
      `${LARGE / SMALL}x the users`,
    )
    line('    leftovers after both runs', String(small.cleanup.leftovers + large.cleanup.leftovers))
  }
} finally {
  endpoint.child.kill()
}
