// examples/acme as a vendor gets it: the packed tarball and vitest installed into an empty folder, the example copied
// in, `npx vitest run` there. Green against the clean built-in endpoint (the Entra suite, Acme's two checks and the
// proof that they can fail); red against `scim-preflight serve` with two faults, with exactly the right tests failing,
// Acme's checks beside the built-in ones in vitest's output and in the suite's JSON and HTML reports.
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { RunResult } from '../../helpers/model/result.ts'
import { faultsById } from '../../server/faults/index.ts'
import { packTarball } from './pack.ts'

const ROOT = join(import.meta.dirname, '../..')
const VITEST_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }
).version
// The environment a vendor's shell would have: none of this run's SCIM_* settings, proxies or CI flags.
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !k.startsWith('SCIM_') &&
      !/^(https?|no)_proxy$/i.test(k) &&
      k !== 'GITHUB_STEP_SUMMARY' &&
      !k.startsWith('VITEST'),
  ),
)

interface Ran {
  code: number
  stdout: string
  stderr: string
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...ENV, NO_COLOR: '1', ...env }, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0,
          stdout,
          stderr,
        })
      },
    )
  })
}

/** vitest's JSON reporter: every test's full name and status. */
function vitestResults(dir: string, file: string): { ancestorTitles: string[]; title: string; status: string }[] {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    testResults: { assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[]
  }
  return json.testResults.flatMap((f) => f.assertionResults)
}

/** The report.json and report.html of the run that finished last. */
function latestReport(dir: string): { json: RunResult; html: string } {
  const reports = join(dir, 'reports')
  const runs = readdirSync(reports)
    .filter((d) => !d.startsWith('latest'))
    .map((d) => ({
      dir: join(reports, d),
      json: JSON.parse(readFileSync(join(reports, d, 'report.json'), 'utf8')) as RunResult,
    }))
  const newest = runs.sort((a, b) => Date.parse(b.json.run.finishedAt) - Date.parse(a.json.run.finishedAt))[0]!
  return { json: newest.json, html: readFileSync(join(newest.dir, 'report.html'), 'utf8') }
}

/** The check id a test asserts: its name is '<id>: <title>'. */
const testId = (r: { title: string }): string => r.title.split(': ')[0]!

describe('examples/acme installed from the packed tarball', () => {
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spf-example-'))
    cpSync(join(ROOT, 'examples/acme'), dir, { recursive: true })
    const installed = await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel',
        'error',
        packTarball(),
        `vitest@${VITEST_VERSION}`,
      ],
      dir,
    )
    expect(installed.code, installed.stderr).toBe(0)
  }, 170_000)

  test("green against the clean built-in endpoint: the Entra suite, Acme's checks and their proof", async () => {
    // The built-in endpoint chosen explicitly, as a CI job must (SCIM_BASE_URL=built-in).
    const green = await run(
      'npx',
      ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=green.json'],
      dir,
      { SCIM_BASE_URL: 'built-in' },
    )
    expect(green.code, green.stdout + green.stderr).toBe(0)
    const results = vitestResults(dir, 'green.json')
    const byId = new Map(results.map((r) => [testId(r), r.status]))
    expect(byId.get('acme/badge-round-trip')).toBe('passed')
    expect(byId.get('acme/disabled-users-free-their-seat')).toBe('passed')
    expect(byId.get('create-user/responds-201')).toBe('passed')
    expect(results.filter((r) => r.status === 'failed')).toEqual([])
    // The proof: each Acme fault breaks exactly its check, and no Acme check is left unproven.
    expect(results.filter((r) => r.ancestorTitles[0] === 'Your checks can fail').map((r) => r.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ])
    // The run prefix, seed and report folder, printed once.
    expect(
      green.stdout.match(/resources are named spf-[0-9a-f]+-…; .*seed \d+; reports reports\/[0-9a-f]+\//g),
    ).toHaveLength(1)
    const { json, html } = latestReport(dir)
    expect(json.checks.find((c) => c.id === 'acme/badge-round-trip')).toMatchObject({
      outcome: 'passed',
      flow: 'acme checks',
      severity: 'entra',
    })
    expect(html).toContain('acme/badge-round-trip')
    expect(json.leftovers).toEqual([])
  }, 170_000)

  test("red against a faulty endpoint: exactly the broken checks fail, built-in and Acme's, selected with -t", async () => {
    const serve = spawn(
      join(dir, 'node_modules/.bin/scim-preflight'),
      [
        'serve',
        '--port',
        '0',
        '--fault',
        'custom-extension-attribute-dropped',
        '--fault',
        'duplicate-username-allowed',
      ],
      { cwd: dir, env: { ...ENV, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      let out = ''
      serve.stdout!.on('data', (c: Buffer) => (out += c.toString()))
      while (!/SCIM_TOKEN=\S+/.test(out)) {
        if (serve.exitCode !== null) throw new Error(`serve exited: ${out}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      const env = { SCIM_BASE_URL: /SCIM_BASE_URL=(\S+)/.exec(out)![1]!, SCIM_TOKEN: /SCIM_TOKEN=(\S+)/.exec(out)![1]! }
      // vitest's own filter selects the flows that run: Create User and Acme's.
      const red = await run(
        'npx',
        [
          'vitest',
          'run',
          'entra',
          '-t',
          'create-user/|acme/',
          '--reporter=default',
          '--reporter=json',
          '--outputFile.json=red.json',
        ],
        dir,
        env,
      )
      expect(red.code).toBe(1)
      const failed = vitestResults(dir, 'red.json')
        .filter((r) => r.status === 'failed')
        .map(testId)
        .sort()
      // With the default profile, dropping custom extension attributes breaks no built-in check: only Acme's sees it.
      const expected = [...faultsById(['duplicate-username-allowed'])[0]!.breaks, 'acme/badge-round-trip'].sort()
      expect(failed).toEqual(expected)
      const shown = red.stdout + red.stderr
      expect(shown).toMatch(/FAIL .*entra\.spec\.ts > acme checks > acme\/badge-round-trip/)
      expect(shown).toMatch(/FAIL .*entra\.spec\.ts > Create User > create-user\/rejects-duplicate-username/)
      const { json, html } = latestReport(dir)
      // Only what vitest selected ran (and the run says it was cut).
      expect(new Set(json.checks.map((c) => c.id.split('/')[0]))).toEqual(new Set(['create-user', 'acme']))
      expect(json.verdict.kind).toBe('fails')
      expect(json.causes!.some((c) => c.checks.some((x) => x.id === 'acme/badge-round-trip'))).toBe(true)
      expect(html).toContain('acme/badge-round-trip')
    } finally {
      serve.kill('SIGTERM')
    }
  }, 170_000)

  test("a typo in the settings is the CLI's one line, and nothing runs", async () => {
    const typo = await run('npx', ['vitest', 'run', 'entra'], dir, {
      SCIM_BASEURL: 'https://staging.example.com/scim/v2',
    })
    expect(typo.code).toBe(1)
    expect(typo.stdout + typo.stderr).toContain(
      'Error: scim-preflight: unknown variable SCIM_BASEURL in the environment: did you mean SCIM_BASE_URL?',
    )
    expect(typo.stdout).not.toContain('resources are named')
  }, 170_000)

  test("the example's files are in the package", () => {
    expect(existsSync(join(dir, 'node_modules/scim-preflight/dist/vitest.js'))).toBe(true)
  })
})
