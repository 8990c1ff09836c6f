// One real run writes every report format: the JUnit parses with one failing testcase per failed check, report.json
// matches its shipped schema, GITHUB_STEP_SUMMARY gets the summary, and no artifact or console line carries the token.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { escText } from '../../helpers/report/html-template.ts'
import type { RunResult } from '../../helpers/model/result.ts'
import { faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { ROOT, runCli, type CliResult } from './run-cli.ts'

const TOKEN = 'tok-report-scan-5f1e9c0a77d2'
let server: RunningServer
let dir: string
let summary: string
let cli: CliResult
let report: RunResult
let runDir: string

beforeAll(async () => {
  server = await startServer({ token: TOKEN, faults: faultsById(['errors-not-scim']) })
  dir = mkdtempSync(join(tmpdir(), 'spf-reports-'))
  summary = join(dir, 'step-summary.md')
  writeFileSync(summary, '# earlier step\n')
  // errors-not-scim breaks RFC-only rules (the SCIM Error body, scimType): --strict makes them the run's failures.
  cli = await runCli(['--report-dir', join(dir, 'out'), '--seed', '11', '--strict'], {
    SCIM_BASE_URL: server.url,
    SCIM_TOKEN: TOKEN,
    GITHUB_STEP_SUMMARY: summary,
  })
  runDir = join(dir, 'out', readlinkSync(join(dir, 'out', 'latest')))
  report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunResult
})
afterAll(() => server.close())

describe('one run, every format', () => {
  test('writes json, junit, html, har and md under reports/<run id>/, with latest pointing at it', () => {
    expect(cli.code).toBe(1)
    // …and Microsoft's validation predicted, in the shapes of its Logic App and SCIM Validator results.
    expect(readdirSync(runDir).sort()).toEqual([
      'exchanges.har',
      'junit.xml',
      'microsoft-logic-app-result.json',
      'microsoft-scim-validator-result.json',
      'report.html',
      'report.json',
      'summary.md',
    ])
    expect(report.prediction?.tools.map((t) => t.file)).toEqual([
      'microsoft-logic-app-result.json',
      'microsoft-scim-validator-result.json',
    ])
    expect(runDir.endsWith(report.run.runId)).toBe(true)
  })

  test('report.json is valid against the schema that ships with the package', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const schema = JSON.parse(readFileSync(join(ROOT, 'helpers/report/report.schema.json'), 'utf8'))
    const validate = ajv.compile(schema)
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  })

  test('junit.xml parses, with one failing testcase per failed check', () => {
    const xml = readFileSync(join(runDir, 'junit.xml'), 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(xml)
    // The gallery checklist is a suite of its own (one case per requirement); its cases fail only under --gallery.
    const cases = (doc.testsuites.testsuite as { '@_name': string; testcase: { failure?: unknown }[] }[])
      .filter((s) => s['@_name'] !== 'Gallery onboarding')
      .flatMap((s) => s.testcase)
    const failed = report.checks.filter((c) => c.outcome === 'failed').length
    expect(failed).toBeGreaterThan(0)
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(failed)
    expect(cases).toHaveLength(report.checks.length)
  })

  test('the verdict is the first line of every format', () => {
    const headline = report.verdict.headline
    // errors-not-scim breaks only RFC rules, failed here under --strict: the headline says so at that level.
    expect(headline).toMatch(/^Fails the RFC rules \(--strict\): /)
    expect(cli.stdout.split('\n')[2]).toBe(headline)
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain(headline)
    // The headline names the worst cause, whose title may carry quotes or markup: the page holds it escaped as text.
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain(escText(headline))
  })

  test('the Markdown summary is appended to $GITHUB_STEP_SUMMARY', () => {
    const text = readFileSync(summary, 'utf8')
    expect(text.startsWith('# earlier step\n')).toBe(true)
    expect(text).toContain(report.verdict.headline)
  })

  test('the token appears in no artifact and no console line', () => {
    const files = readdirSync(runDir)
      .map((f) => join(runDir, f))
      .filter((f) => statSync(f).isFile())
    for (const f of [...files, summary]) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN)
    expect(cli.stdout + cli.stderr).not.toContain(TOKEN)
    expect(readFileSync(join(runDir, 'exchanges.har'), 'utf8')).toContain('Bearer [redacted]')
  })
})

describe('waivers and baselines', () => {
  test('a waived failure does not fail the run; an expired waiver does, with a clear notice', async () => {
    // Every check the (strict) run failed is waived: they are one server's RFC-only defects.
    const failing = [...new Set(report.checks.filter((c) => c.outcome === 'failed').map((c) => c.id))]
    const waivers = join(dir, 'waivers.json')
    writeFileSync(waivers, JSON.stringify(failing.map((id) => ({ id, reason: 'known gap, ticket SCIM-12' }))))
    const ok = await runCli(
      ['--report', 'console', '--report-dir', join(dir, 'w1'), '--waivers', waivers, '--strict'],
      { SCIM_BASE_URL: server.url, SCIM_TOKEN: TOKEN },
    )
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('known gap, ticket SCIM-12')
    writeFileSync(waivers, JSON.stringify(failing.map((id) => ({ id, reason: 'known gap', expires: '2020-01-01' }))))
    const expired = await runCli(
      ['--report', 'console', '--report-dir', join(dir, 'w2'), '--waivers', waivers, '--strict'],
      { SCIM_BASE_URL: server.url, SCIM_TOKEN: TOKEN },
    )
    expect(expired.code).toBe(1)
    expect(expired.stdout).toMatch(/expired on 2020-01-01/)
  })

  test('--baseline with --fail-on-new passes when nothing regressed, and names what was fixed', async () => {
    const clean = await startServer({ token: TOKEN })
    try {
      const r = await runCli(
        [
          '--report',
          'console,json',
          '--report-dir',
          join(dir, 'b1'),
          '--baseline',
          join(runDir, 'report.json'),
          '--fail-on-new',
        ],
        { SCIM_BASE_URL: clean.url, SCIM_TOKEN: TOKEN },
      )
      expect(r.code).toBe(0)
      const after = JSON.parse(readFileSync(join(dir, 'b1', 'latest', 'report.json'), 'utf8')) as RunResult
      expect(after.diff?.newFailures).toEqual([])
      expect(after.diff?.fixed).toContain('create-user/duplicate-carries-scim-type')
    } finally {
      await clean.close()
    }
  })

  test('a bad waiver file is one line and exit 2', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{not json')
    const r = await runCli(['--waivers', bad])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})
