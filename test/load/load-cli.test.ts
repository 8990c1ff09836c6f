// `scim-preflight load` run as a user would, against reference endpoints started here: it completes, cleans up,
// reports a verdict, refuses bad input with exit 2, and reports 429s and whether Retry-After was honoured.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoadResult } from '../../helpers/model/load-result.ts'
import { scimError } from '../../server/http.ts'
import { defineFault } from '../../server/faults/define-fault.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { BIN, ROOT, runCli } from '../self-test/run-cli.ts'

const TOKEN = 'load-test-token-0123456789'
const schema = JSON.parse(readFileSync(new URL('../../helpers/report/load.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(schema)

async function load(
  server: RunningServer,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; result: LoadResult; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'spf-load-'))
  const r = await runCli(
    ['load', '--url', server.url, '--token', TOKEN, '--report', 'console,json,html', '--report-dir', dir, ...args],
    {},
    { timeoutMs: 120_000 },
  )
  const runDir = readdirSync(dir).find((d) => !d.startsWith('latest'))
  if (!runDir) throw new Error(`no report (exit ${r.code}): ${r.stderr}${r.stdout}`)
  const result = JSON.parse(readFileSync(join(dir, runDir, 'load.json'), 'utf8')) as LoadResult
  return { ...r, result, dir: join(dir, runDir) }
}

const prefixed = (server: RunningServer, prefix: string) => [
  ...server.store.users.all().filter((u) => String(u.userName).startsWith(prefix)),
  ...server.store.groups.all().filter((g) => String(g.displayName).startsWith(prefix)),
]

describe('scim-preflight load against the reference endpoint', () => {
  let server: RunningServer
  let run: Awaited<ReturnType<typeof load>>

  beforeAll(async () => {
    server = await startServer({ token: TOKEN })
    run = await load(server, ['--users', '200', '--groups', '5', '--incremental', '0.2', '--seed', '7'])
  }, 120_000)
  afterAll(() => server?.close())

  it('completes with a verdict and exit 0, and writes a load.json that matches its schema', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.result.verdict.kind).toBe('meets')
    expect(run.stdout).toContain('Meets the gallery requirement')
    expect(validate(run.result), JSON.stringify(validate.errors)).toBe(true)
    expect(readFileSync(join(run.dir, 'load.html'), 'utf8')).toContain('<svg class="chart"')
  })

  it('replays the cycle in Entra order: queries and creates, managers, groups with members, incremental', () => {
    const byKind = Object.fromEntries(run.result.kinds.map((k) => [k.kind, k.requests]))
    expect(byKind).toEqual({
      query: 205,
      create: 200,
      manager: 199,
      'group-create': 5,
      'member-add': 10,
      update: 40,
      disable: 20,
      delete: 205,
    })
    expect(run.result.phases.map((p) => p.name)).toEqual([
      'users',
      'managers',
      'groups',
      'members',
      'incremental',
      'cleanup',
    ])
    expect(run.result.errors).toEqual([])
    expect(run.result.throttling.honoured).toBeNull()
  })

  it('deletes everything it created', () => {
    expect(run.result.cleanup).toMatchObject({ deleted: 205, leftovers: 0 })
    expect(prefixed(server, run.result.runPrefix)).toEqual([])
    expect(server.store.users.size + server.store.groups.size).toBe(0)
  })

  it('keeps only a small sample of exchanges, with the token redacted', () => {
    expect(run.result.sample.length).toBeGreaterThan(0)
    expect(run.result.sample.length).toBeLessThanOrEqual(80)
    expect(JSON.stringify(run.result)).not.toContain(TOKEN)
    expect(run.result.sample[0]!.request.headers.Authorization).toBe('Bearer [redacted]')
  })
})

it('without a target the built-in endpoint is loaded, and the verdict says so: never "Meets the gallery requirement"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spf-load-built-in-'))
  const r = await runCli(
    ['load', '--users', '20', '--groups', '1', '--report', 'console,json', '--report-dir', dir],
    {},
    { timeoutMs: 120_000 },
  )
  expect(r.code).toBe(0)
  expect(r.stdout).not.toMatch(/Meets the gallery requirement/)
  expect(r.stdout).toMatch(
    /Built-in reference endpoint: [\d.]+ requests\/second, a demonstration of the tool, not a measurement of your server/,
  )
  const result = JSON.parse(readFileSync(join(dir, 'latest-load', 'load.json'), 'utf8')) as LoadResult
  expect(result).toMatchObject({ embedded: true, verdict: { kind: 'inconclusive' } })
  // reports/latest is the conformance run's: a load run does not move it.
  expect(readdirSync(dir).filter((d) => d.startsWith('latest'))).toEqual(['latest-load'])
}, 120_000)

describe('an endpoint that throttles', () => {
  let server: RunningServer
  let count = 0
  beforeAll(async () => {
    // Every 25th user POST is refused once with 429 and Retry-After: 1.
    const throttle = defineFault({
      id: 'test-throttle',
      summary: 'answers 429 to every 25th POST /Users',
      breaks: [],
      intercept: (req) =>
        req.method === 'POST' && req.path === '/Users' && ++count % 25 === 0
          ? scimError(429, 'Slow down', undefined, { 'Retry-After': '1' })
          : undefined,
    })
    server = await startServer({ token: TOKEN, faults: [throttle] })
  })
  afterAll(() => server?.close())

  it('reports the 429s, that Retry-After was sent and honoured, and still cleans up', async () => {
    const run = await load(server, ['--users', '60', '--groups', '2'])
    const t = run.result.throttling
    expect(t.responses).toBe(2)
    expect(t.withRetryAfter).toBe(2)
    expect(t.retryAfterMinS).toBe(1)
    expect(t.honoured).toBe(true)
    expect(t.retried).toBe(2)
    expect(t.pausedMs).toBeGreaterThanOrEqual(1000)
    expect(run.result.errors).toEqual([{ kind: 'create', status: '429', count: 2 }])
    expect(run.result.kinds.find((k) => k.kind === 'create')!.ok).toBe(60)
    expect(run.stdout).toMatch(
      /2 answer\(s\) were 429 Too Many Requests: 2 carried Retry-After \(1 s\); Retry-After was honoured/,
    )
    expect(run.result.verdict.reasons.join(' ')).toContain('429')
    expect(prefixed(server, run.result.runPrefix)).toEqual([])
  }, 120_000)
})

describe('bad input', () => {
  it.each([
    [['--users', '0'], /--users '0' must be a whole number of at least 1/],
    [['--users', 'many'], /--users 'many' must be a whole number/],
    [['--rate=-5'], /--rate '-5' must be a positive number/],
    [['--rate', 'fast'], /--rate 'fast' must be a positive number/],
    [['--rate', '1000000'], /--rate 1000000 is beyond what one scim-preflight process can schedule/],
    [['--concurrency', '0'], /--concurrency '0' must be a whole number of at least 1/],
    [['--members-per-patch', '101'], /--members-per-patch 101 is above 100/],
    [['--incremental', '1.5'], /--incremental '1.5' must be a share between 0 and 1/],
    [['--dialect', 'both'], /--dialect 'both' is not a PATCH dialect/],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await runCli(['load', ...args])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
  })

  it('an unreachable target exits 2 with the reason', async () => {
    const r = await runCli(['load', '--url', 'http://127.0.0.1:9/scim/v2', '--token', TOKEN, '--report', 'console'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/scim\/v2: connection refused/)
  })
})

describe('an interrupted run', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ token: TOKEN })
  })
  afterAll(() => server?.close())

  it('stops on SIGTERM, deletes everything it created (also answers still in flight) and exits 143', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'load', '--url', server.url, '--token', TOKEN, '--users', '50000', '--report', 'console'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    // Interrupt once users are being created, so creates are in flight when the signal lands.
    try {
      await expect
        .poll(() => /^Run /m.test(stdout) && server.store.users.size > 20, { timeout: 90_000, interval: 50 })
        .toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(143)
    expect(stderr).toContain('SIGTERM: stopping; deleting what this run created')
    expect(stdout).toContain('Inconclusive: the run was stopped (SIGTERM)')
    expect(stdout).toMatch(/Deleted all [\d,]+ resources this run created/)
    expect(server.store.users.size + server.store.groups.size).toBe(0)
  }, 120_000)
})
