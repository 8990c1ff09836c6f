// Severity from evidence and no false green, end to end: RFC-only and Gallery defects warn by default and fail under
// --strict or --gallery; --gallery enforces the gallery requirements; a cut run never says "ready", in any format.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunResult } from '../../helpers/model/result.ts'
import { startServer } from '../../server/start.ts'
import { idsWith, OAUTH_ARGS, runCli, runSuiteCli } from './run-cli.ts'

const LIMIT_MS = 120_000

describe.concurrent('levels: a defect Entra never meets warns, and names its rule', () => {
  test(
    '400 to a null replace: exit 0 with a Gallery warning citing RFC 7644, exit 1 with --strict',
    async () => {
      const only = ['--only', 'update-user-empty-values/*', '--fault', 'null-replace-refused-400', '--seed', '7']
      const run = await runSuiteCli(only, {}, { timeoutMs: LIMIT_MS })
      expect(run.code).toBe(0)
      expect(idsWith(run.report, 'failed')).toEqual([])
      const warned = run.report.checks.find(
        (c) => c.id === 'update-user-empty-values/responds-200-or-204' && c.outcome === 'warned',
      )
      expect(warned?.severity).toBe('gallery')
      expect(warned?.refs.map((r) => r.label)).toContain('RFC 7644 §3.5.2')
      expect(warned?.evidence.sources.map((r) => r.url).join(' ')).toMatch(
        /SCIM-Validation-Test-Overview|clear-attribute-values/,
      )
      const strict = await runSuiteCli([...only, '--strict'], {}, { timeoutMs: LIMIT_MS })
      expect(strict.code).toBe(1)
      expect(idsWith(strict.report, 'failed')).toContain('update-user-empty-values/responds-200-or-204')
    },
    LIMIT_MS * 2,
  )

  test(
    '204 to a second DELETE: exit 0 with an RFC-only warning naming RFC 7644 §3.6 in the console, exit 1 with --strict',
    async () => {
      const only = ['--only', 'delete-user/*', '--fault', 'delete-unknown-user-returns-204', '--seed', '7']
      const run = await runCli([...only, '--report', 'console'], {}, { timeoutMs: LIMIT_MS })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/Rule: RFC 7644 §3\.6[^\n]*\n\s+Warned: delete-user\/delete-again-responds-404/)
      expect(run.stdout).toMatch(/Level: RFC only — /)
      expect(run.stdout).toMatch(/0 failed · 1 warning \(1 RFC only\)/)
      const strict = await runSuiteCli([...only, '--strict'], {}, { timeoutMs: LIMIT_MS })
      expect(strict.code).toBe(1)
    },
    LIMIT_MS * 2,
  )
})

describe.concurrent('--gallery', () => {
  test.each([
    ['schemas-endpoint-missing', 'discovery/*', 'discovery/schemas-is-list-response'],
    ['token-lifetime-24-hours', 'authentication/*', 'authentication/token-lifetime-within-gallery-range'],
    ['token-response-without-expires-in', 'authentication/*', 'authentication/token-response-has-expires-in'],
  ])(
    'the reference endpoint with OAuth and fault %s exits 1',
    async (fault, only, failing) => {
      const args = ['--only', only, '--fault', fault, ...OAUTH_ARGS]
      const plain = await runSuiteCli(args, {}, { timeoutMs: LIMIT_MS })
      expect(plain.code).toBe(0)
      expect(idsWith(plain.report, 'warned')).toContain(failing)
      const gallery = await runSuiteCli([...args, '--gallery'], {}, { timeoutMs: LIMIT_MS })
      expect(gallery.code).toBe(1)
      expect(idsWith(gallery.report, 'failed')).toContain(failing)
      expect(gallery.report.verdict.gallery.items.find((i) => i.status === 'not-met')?.basis.join(' ')).toContain(
        failing,
      )
    },
    LIMIT_MS * 2,
  )

  test(
    'without OAuth exits 1, saying client credentials are required',
    async () => {
      const run = await runSuiteCli(['--only', 'test-connection/*', '--gallery'], {}, { timeoutMs: LIMIT_MS })
      expect(run.code).toBe(1)
      expect(run.report.verdict.kind).toBe('fails')
      expect(run.report.verdict.headline).toMatch(
        /^Not ready for the Entra app gallery: OAuth client credentials not met \(client credentials are required/,
      )
      expect(run.report.verdict.gallery.items.find((i) => i.id === 'oauth')).toMatchObject({
        status: 'not-met',
        basis: [expect.stringMatching(/^client credentials are required/)],
      })
    },
    LIMIT_MS,
  )

  test(
    '--load-report puts the measured rate in the checklist; a file that is not a load report is exit 2 with one line',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'spf-load-report-'))
      const slow = join(dir, 'load.json')
      writeFileSync(
        slow,
        JSON.stringify({
          target: 'http://127.0.0.1:40000/scim/v2',
          embedded: true,
          throughput: { requestsPerSecond: 12, requests: 480, toolLimited: false },
          kinds: [],
        }),
      )
      const run = await runSuiteCli(['--only', 'test-connection/*', '--load-report', slow], {}, { timeoutMs: LIMIT_MS })
      expect(run.report.verdict.gallery.items.find((i) => i.id === 'rate')).toMatchObject({
        status: 'not-met',
        basis: [`12 req/s (load report ${slow}, 480 requests)`],
      })
      const notJson = join(dir, 'notes.txt')
      writeFileSync(notJson, 'not\njson')
      const bad = await runCli(['--load-report', notJson])
      expect(bad.code).toBe(2)
      expect(bad.stderr.trim().split('\n')).toEqual([
        `scim-preflight: --load-report '${notJson}' is not JSON: give the load.json of 'scim-preflight load'`,
      ])
    },
    LIMIT_MS,
  )

  describe('against a plain http:// target', () => {
    const started = startServer({ token: 'tok-plain-http-abcdef' })
    afterAll(async () => (await started).close())

    test(
      'is never ready, and exits 1 with --gallery',
      async () => {
        const server = await started
        const env = { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token }
        const plain = await runSuiteCli(['--only', 'test-connection/*'], env, { timeoutMs: LIMIT_MS })
        expect(plain.code).toBe(0)
        expect(plain.report.verdict.kind).not.toBe('ready')
        expect(plain.report.verdict.scope.limits.join(' ')).toMatch(/plain http:\/\/: Entra connects only over HTTPS/)
        const gallery = await runSuiteCli(['--only', 'test-connection/*', '--gallery'], env, { timeoutMs: LIMIT_MS })
        expect(gallery.code).toBe(1)
        expect(gallery.report.verdict.gallery.items.find((i) => i.id === 'https')?.status).toBe('not-met')
      },
      LIMIT_MS * 2,
    )
  })
})

test(
  'a run cut by --only exits 0 and says incomplete in console, JSON, JUnit, HTML and Markdown',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-incomplete-'))
    const run = await runCli(
      ['--only', 'create-user/*', '--report', 'console,json,junit,html,md', '--report-dir', dir],
      {},
      { timeoutMs: LIMIT_MS },
    )
    expect(run.code).toBe(0)
    const runDir = join(
      dir,
      readdirSync(dir).find((d) => !d.startsWith('latest'))!,
    )
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunResult
    expect(report.verdict.kind).toBe('incomplete')
    expect(report.verdict.scope).toMatchObject({ complete: false })
    expect(report.verdict.scope.judged).toBeLessThan(report.verdict.scope.total)
    const incomplete = /Incomplete run/
    expect(run.stdout.split('\n').find((l) => incomplete.test(l))).toBeDefined()
    for (const file of ['junit.xml', 'report.html', 'summary.md'])
      expect(readFileSync(join(runDir, file), 'utf8'), file).toMatch(incomplete)
    for (const text of [
      run.stdout,
      ...['junit.xml', 'report.html', 'summary.md'].map((f) => readFileSync(join(runDir, f), 'utf8')),
    ])
      expect(text).not.toMatch(/Ready for Entra/)
  },
  LIMIT_MS,
)
