// `explain` in every report format, on CONSTRUCTED results (constructed-results.ts): the order of importance (the
// verdict and the first fix first, defects before setup mistakes and false positives), escaping of whatever the file
// says, JUnit's reading (a defect fails, a setup mistake is skipped, a false positive passes), the step summary, and
// the --report flags as for a run.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { renderExplanationHtml } from '../../helpers/validation/explain-html.ts'
import { renderExplanationMarkdown } from '../../helpers/validation/explain-markdown.ts'
import { renderExplanationJUnit } from '../../helpers/validation/explain-junit.ts'
import { renderExplanationConsole } from '../../helpers/validation/explain-console.ts'
import { writeExplanation } from '../../helpers/validation/explain-write.ts'
import { explanationOrder } from '../../helpers/validation/explain-order.ts'
import { parseCommand } from '../../helpers/config/command.ts'
import { validatorResults } from './constructed-results.ts'
import { explainResult } from '../../helpers/validation/explain.ts'
import { readValidationResult } from '../../helpers/validation/read-result.ts'
import { brokenSetup, falsePositive, mixed } from './explanations.ts'
import { runCli } from '../self-test/run-cli.ts'

describe('the order of importance of an explanation', () => {
  test('a defect: fails, its fix first, the mandatory failure before the optional WARNING', () => {
    const o = explanationOrder(mixed())
    expect(o.kind).toBe('fails')
    expect(o.headline).toBe("2 failures of Microsoft's Logic App validation are defects of the endpoint")
    expect(o.groups.map((g) => g.id)).toEqual(['defects'])
    expect(o.groups[0]!.failures.map((f) => f.test)).toEqual(['SCIM_Null_Update_Test', 'Delete_Group_Test'])
    expect(o.firstFix?.fix).toContain('""')
  })
  test('a setup mistake and a false positive are no defect of the endpoint', () => {
    expect(explanationOrder(brokenSetup())).toMatchObject({ kind: 'warnings', groups: [{ id: 'setup' }] })
    expect(explanationOrder(falsePositive())).toMatchObject({
      kind: 'ready',
      headline: "No defect of the endpoint: 1 known false positive of Microsoft's SCIM Validator",
      groups: [{ id: 'false-positive' }],
    })
  })
  test('the console starts with the verdict and ends with the first fix', () => {
    const lines = renderExplanationConsole(mixed()).split('\n')
    expect(lines[0]).toBe("2 failures of Microsoft's Logic App validation are defects of the endpoint")
    expect(lines.at(-1)).toMatch(/^Fix first: /)
  })
})

test("the Validator's random time zones are its known issue, not a defect", () => {
  const e = explainResult(
    readValidationResult(
      JSON.stringify(validatorResults({ 'Create a new User': 'timezone "xQ3kP0aZ" is not a valid time zone' })),
      'scim-results.json',
    ),
    'scim-results.json',
  )
  expect(e.failures.map((f) => [f.kind, f.title])).toEqual([
    ['false-positive', 'A known issue of the SCIM Validator: random time-zone values'],
  ])
})

describe('HTML', () => {
  test('the verdict is the first heading, the file text is escaped, no script runs', () => {
    const page = renderExplanationHtml(mixed())
    expect(page.indexOf('<h1 id="verdict">')).toBeLessThan(page.indexOf('id="defects"'))
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script')
    expect(page).toContain('script-src &#39;none&#39;')
    expect(page).toContain('Every test of the file (25)')
  })
})

describe('Markdown', () => {
  test('in the same order, with the file text unable to open a tag or split a table', () => {
    const md = renderExplanationMarkdown(mixed())
    expect(md.split('\n')[0]).toBe("## ❌ 2 failures of Microsoft's Logic App validation are defects of the endpoint")
    expect(md.indexOf('**Fix first:')).toBeLessThan(md.indexOf('### Defects of the endpoint (2)'))
    // Inside a code span GitHub shows markup as text; everywhere else it is escaped.
    expect(md.replace(/`[^`\n]*`/g, '')).not.toContain('<script>')
    const row = md.split('\n').find((l) => l.includes('SCIM_Null_Update_Test') && l.startsWith('|'))!
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6)
  })
})

describe('JUnit', () => {
  const cases = (xml: string) =>
    [...xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)].map((m) => ({
      name: m[1]!,
      body: m[2]!,
    }))
  test('each Microsoft test a testcase; a defect (mandatory or optional) is a failure', () => {
    const xml = renderExplanationJUnit(mixed())
    const all = cases(xml)
    expect(all).toHaveLength(25)
    expect(all.filter((c) => c.body.includes('<failure')).map((c) => c.name)).toEqual([
      'Delete_Group_Test',
      'SCIM_Null_Update_Test',
    ])
    expect(xml).toContain('tests="25" failures="2" errors="0" skipped="1"')
    expect(xml).not.toContain('<script>')
    expect(xml).not.toContain(']]>')
  })
  test('a setup mistake is skipped, not a failure of the endpoint', () => {
    const xml = renderExplanationJUnit(brokenSetup())
    const create = cases(xml).find((c) => c.name === 'SCIM_User_Create_Test')!
    expect(create.body).toContain('<skipped message="Setup mistake, not a failure of the endpoint:')
    expect(xml).toContain('failures="0"')
  })
  test('a known false positive passes, with the reason in system-out', () => {
    const xml = renderExplanationJUnit(falsePositive())
    const create = cases(xml).find((c) => c.name === 'Create a new User')!
    expect(create.body).not.toContain('<failure')
    expect(create.body).not.toContain('<skipped')
    expect(create.body).toContain('<system-out>Known false positive:')
  })
})

describe('writing, and the flags', () => {
  test('every format into explain-<id>/, and the Markdown appended to the step summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-explain-w-'))
    const summary = join(dir, 'step-summary.md')
    writeFileSync(summary, 'before\n')
    const written = await writeExplanation(mixed(), {
      dir,
      id: 'abc12345',
      formats: ['console', 'json', 'junit', 'html', 'md'],
      githubStepSummary: summary,
    })
    expect(readdirSync(join(dir, 'explain-abc12345')).sort()).toEqual([
      'explanation.html',
      'explanation.json',
      'explanation.md',
      'junit.xml',
    ])
    expect(written.at(-1)).toBe(summary)
    expect(readFileSync(summary, 'utf8')).toMatch(/^before\n## ❌ 2 failures/)
  })
  test('--report and SCIM_REPORT as for a run; a HAR on the command line is one line', () => {
    const cfg = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const c = parseCommand(['explain', 'f.json', ...argv], env, tmpdir())
      if (c.kind !== 'explain') throw new Error(c.kind)
      return c.config
    }
    expect(cfg([]).formats).toEqual(['console', 'json', 'junit', 'html', 'md'])
    expect(cfg(['--report', 'html,md']).formats).toEqual(['html', 'md'])
    expect(cfg([], { SCIM_REPORT: 'console,har,junit' }).formats).toEqual(['console', 'junit'])
    expect(cfg([], { GITHUB_STEP_SUMMARY: '/tmp/s.md' }).githubStepSummary).toBe('/tmp/s.md')
    expect(() => cfg(['--report', 'json,har'])).toThrow(/explain writes no HAR/)
  })
  test('the CLI writes only what --report asks for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-explain-c-'))
    const file = join(dir, 'scim-results.json')
    writeFileSync(file, JSON.stringify(validatorResults({ 'Create a duplicate User': 'Expected 409, got 201' })))
    const r = await runCli(['explain', file, '--report', 'console,html', '--report-dir', join(dir, 'out')])
    expect(r.code).toBe(1)
    const [sub] = readdirSync(join(dir, 'out'))
    expect(readdirSync(join(dir, 'out', sub!))).toEqual(['explanation.html'])
    expect(r.stdout).toContain(`Reports: ${join(dir, 'out', sub!, 'explanation.html')}`)
  })
})

describe("the README's explain example", () => {
  test('runs on the constructed example file and prints what the README says it prints', async () => {
    const root = join(import.meta.dirname, '../..')
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    expect(readme).toContain('npx scim-preflight explain examples/validation/Final_TestResults.json')
    const out = mkdtempSync(join(tmpdir(), 'spf-explain-readme-'))
    const r = await runCli([
      'explain',
      join(root, 'examples/validation/Final_TestResults.json'),
      '--report',
      'console',
      '--report-dir',
      out,
    ])
    expect(r.code).toBe(1)
    const [first, , fix] = r.stdout.split('\n')
    expect(readme).toContain(`the verdict, \`${first}\``)
    expect(fix).toMatch(/^Fix first: Accept "" and null as values of a replace/)
    expect(r.stdout).toContain('Setup mistakes of the run (1)')
    expect(r.stdout).toContain('! Delete_Group_Test: WARNING')
  })
})
