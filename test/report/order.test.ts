// One order of importance in every format, pinned on a failing run (3 causes, gallery unmet, 10 warnings, Microsoft's
// predicted validation): the verdict and the first fix; the causes that fail the run; the gallery checklist and the
// prediction, a line each with the details folded; the warnings by level; the counts. And no console line wider than
// the width it was given, for every fixture.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { RunResult } from '../../helpers/model/result.ts'
import { renderConsole } from '../../helpers/report/console.ts'
import { renderHtml } from '../../helpers/report/html.ts'
import { html, trusted } from '../../helpers/report/html-template.ts'
import { renderJson } from '../../helpers/report/json.ts'
import { renderJUnit } from '../../helpers/report/junit.ts'
import { MARKDOWN_BUDGET, renderMarkdown } from '../../helpers/report/markdown.ts'
import { reportOrder, SECTIONS } from '../../helpers/report/order.ts'
import { terminalWidth, visibleLength, wrapLine } from '../../helpers/report/wrap.ts'
import { computeVerdict } from '../../helpers/result/verdict.ts'
import { failingRun, SERVER_MESSAGE } from './failing-fixture.ts'
import { BASE, cleanRun, mixedRun } from './fixtures.ts'

/** Each needle found after the one before it. */
function inOrder(text: string, needles: string[]): boolean {
  let at = -1
  for (const n of needles) {
    const i = text.indexOf(n, at + 1)
    if (i <= at) throw new Error(`not found in order: ${JSON.stringify(n)}`)
    at = i
  }
  return true
}

const order = reportOrder(failingRun())
const [cause1, cause2, cause3] = order.failures
const refusal = order.failures.find((c) => c.serverMessage)!

describe('the order of importance (order.ts)', () => {
  it('lays out the failing run: 3 causes, 10 warnings by level, the checklist and the prediction', () => {
    expect(SECTIONS).toEqual(['verdict', 'failures', 'gallery', 'warnings', 'counts'])
    expect(order.failures).toHaveLength(3)
    expect(order.firstFix).toEqual({ kind: 'cause', fix: cause1!.fix, about: cause1!.title })
    expect(order.warnings.map((g) => [g.label, g.causes.length])).toEqual([
      ['Gallery', 4],
      ['RFC only', 6],
    ])
    expect(order.gallery.items.filter((i) => i.status === 'not-met').map((i) => i.name)).toEqual([
      'Group provisioning',
      "What Microsoft's SCIM Validator and validation tests check",
    ])
    expect(order.gallery.prediction.map((p) => p.summary)).toEqual([
      'Logic App validation (predicted): Failed — 3 of 24 tests fail, 1 warning, 1 not predictable offline, 1 skipped, 18 pass',
      'SCIM Validator (predicted): Not compliant — 2 of 4 tests fail, 1 warning, 1 passes',
    ])
    expect(order.flows.find((f) => f.flow === 'Authentication')!.text).toBe('1 passed, 8 skipped')
  })

  it('never gives a failure and a warning the same headline: the warning joins the failure', () => {
    const titles = [...order.failures, ...order.warnings.flatMap((g) => g.causes)].map((c) => c.title)
    expect(new Set(titles).size).toBe(titles.length)
    expect(refusal.alsoWarned).toEqual([{ id: 'update-user/error-body-schema', dialect: 'legacy' }])
  })

  it('names the first thing to fix: a gallery requirement when only the checklist fails the run, the worst warning when only warnings remain', () => {
    const run = cleanRun()
    run.verdict = computeVerdict(run.checks, {
      groupsTested: true,
      gallery: true,
      target: { url: BASE, embedded: false, tls: 'TLSv1.3' },
    })
    expect(reportOrder(run).firstFix?.kind).toBe('gallery')
    expect(reportOrder(run).firstFix?.fix).toMatch(/client credentials/)
    const warned = mixedRun()
    warned.checks = warned.checks.filter((c) => c.outcome !== 'failed')
    expect(reportOrder(warned).firstFix).toMatchObject({ kind: 'warning' })
    const clean = cleanRun()
    clean.verdict = computeVerdict(clean.checks, {
      groupsTested: true,
      rate: { measured: 31.4, required: 25 },
      target: { url: BASE, embedded: false, tls: 'TLSv1.3' },
      oauthTested: true,
    })
    expect(reportOrder(clean).firstFix).toBeUndefined()
  })
})

describe('every format follows it', () => {
  const run = failingRun()

  it('console: verdict and first fix, causes, gallery, warnings by level, counts; the verdict and fix again last', () => {
    const out = renderConsole(run, { color: false, width: 100 })
    const ls = out.split('\n')
    expect(ls[0]).toBe(run.verdict.headline)
    expect(ls[1]).toBe(`Fix first: ${cause1!.fix}`)
    expect(
      inOrder(out, [
        '3 causes (3 failed checks)',
        `  1. ${cause1!.title}`,
        `  2. ${cause2!.title.slice(0, 60)}`,
        `  3. ${cause3!.title.slice(0, 60)}`,
        'Gallery onboarding: 1 of 6 requirements met',
        '  ✘ Group provisioning: not met — 1 check failed, 1 warned, 1 waived',
        '  ✘ Logic App validation (predicted): Failed — 3 of 24 tests fail',
        'Warnings: 10 causes (10 warned checks)',
        '  Gallery: 4 causes',
        '  RFC only: 6 causes',
        'Per flow',
        '  Authentication: 1 passed, 8 skipped',
        '6 passed · 3 failed · 11 warnings',
      ]),
    ).toBe(true)
    expect(ls.slice(-2)).toEqual([run.verdict.headline, `Fix first: ${cause1!.fix}`])
    // The check ids of the gallery requirements are folded into counts: no row lists them.
    expect(out).not.toContain('create-user/returns-id: failed')
  })

  it("console: the server's message whole on its own line, the title not cut by the renderer", () => {
    const ls = renderConsole(run, { color: false, width: 100 }).split('\n')
    const at = ls.findIndex((l) => l.trim().startsWith('Server said: '))
    const said = [
      ls[at]!,
      ...ls.slice(at + 1).filter((_, i, rest) => rest.slice(0, i + 1).every((l) => /^ {18}\S/.test(l))),
    ]
    expect(said.map((l) => l.trim()).join(' ')).toBe(`Server said: ${SERVER_MESSAGE}`)
    const wide = renderConsole(run, { color: false, width: 2000 })
    expect(wide).toContain(`. ${refusal.title}\n`)
  })

  it("console --verbose lists what the default collapses: every requirement's checks and every predicted test", () => {
    const out = renderConsole(run, { color: false, verbose: true, width: 1000 })
    expect(out).toContain('      create-user/returns-id: failed')
    expect(out).toContain('      ✘ Create_User_Test: FAILED - [Create Phase] Failed Action: Get_Created_User — ')
    expect(out).toContain('      ✔ Get_User_Not_Found_Test: success')
    expect(out).toContain(
      '      ? Provision_On_Demand_Test: not predictable offline — Provisioning on demand runs in the tenant. (not predictable offline: provision on demand and the provisioning logs)',
    )
    expect(out).toContain('      Microsoft-shaped result: logic-app-result.json')
  })

  it('HTML: banner with the first fix, causes, folded checklist and prediction, warnings by level, "To fix" by level', () => {
    const page = renderHtml(run)
    expect(
      inOrder(page, [
        '<h1 id="verdict">',
        `<p class="first-fix" id="first-fix"><a href="#cause-1">Fix first: `,
        '<section id="root-causes">',
        '<li class="cause failure" id="cause-1"',
        'id="cause-2"',
        'id="cause-3"',
        '<section id="gallery">',
        '<details class="fold" id="gallery-checklist"><summary>○ Gallery onboarding: 1 of 6 requirements met',
        '<details class="fold prediction" id="prediction-logic-app"><summary>✘ Logic App validation (predicted): Failed — 3 of 24 tests fail',
        '<details class="fold prediction" id="prediction-scim-validator">',
        '<section id="warnings">',
        '<h3>Gallery: 4 causes</h3>',
        '<h3>RFC only: 6 causes</h3>',
        '<section id="to-fix">',
        '<section id="matrix">',
      ]),
    ).toBe(true)
    // Folded: no section of the gallery is open, and each summary is one line.
    expect(page).not.toMatch(/<details class="fold[^"]*"[^>]* open/)
    for (const m of page.matchAll(/<details class="fold[^>]*><summary>([^<]*)<\/summary>/g))
      expect(m[1]).not.toContain('\n')
    expect(page).toContain(
      "<dt>Server said</dt><dd><q class=\"server\">Unsupported operation type 'Replace' for attribute path 'displayName' of operation 1 in PatchOp request: the operation must be one of",
    )
    const levels = [...page.slice(page.indexOf('<section id="to-fix">')).matchAll(/<li data-level="(\w+)">/g)].map(
      (m) => m[1],
    )
    expect(levels.slice(0, 3)).toEqual(['entra', 'entra', 'entra'])
    expect(levels.join(' ')).toMatch(/^(entra )+(gallery )+(rfc ?)+$/)
  })

  it('Markdown: the same order, the details folded, a link to the full report when given one', () => {
    const md = renderMarkdown(run, { reportUrl: 'https://github.com/fabrikam/scim/actions/runs/42' })
    const lines = md.split('\n')
    expect(lines[0]).toBe(`## ❌ ${run.verdict.headline}`)
    expect(lines[2]).toBe(`**Fix first: ${cause1!.fix}**`)
    expect(lines[4]).toBe('[Full report (HTML)](https://github.com/fabrikam/scim/actions/runs/42)')
    expect(
      inOrder(md, [
        '### 3 causes (3 failed checks)',
        `1. **${cause1!.title}**`,
        '2. **',
        '3. **',
        '   - Server said: Unsupported operation type',
        '### Gallery submission',
        '- ✘ **Group provisioning**: not met — 1 check failed, 1 warned, 1 waived',
        '- ✘ Logic App validation (predicted): Failed — 3 of 24 tests fail',
        '<details><summary>Each requirement: what decided it and what to do</summary>',
        '<details><summary>Logic App validation: every predicted test</summary>',
        '### Warnings: 10 causes (10 warned checks)',
        '#### Gallery: 4 causes',
        '#### RFC only: 6 causes',
        '### Per flow',
        '| Authentication | — | 1 | 0 | 0 | 8 | 0 | 0 |',
        '**6 passed · 3 failed · 11 warnings',
        '### Failures, check by check',
      ]),
    ).toBe(true)
    expect(md).not.toContain('Full report (HTML)](javascript')
    expect(renderMarkdown(run, { reportUrl: 'javascript:alert(1)' })).not.toContain('Full report')
  })

  it('Markdown: a run too large for the step summary keeps the verdict, the fix, the causes and the counts within the budget', () => {
    const big = failingRun()
    const template = big.checks.find((c) => c.outcome === 'warned')!
    for (let i = 0; i < 3000; i++)
      big.checks.push({
        ...template,
        id: `bulk-${i}/check`,
        flow: `Bulk ${i}`,
        title: `Bulk check ${i} ${'x'.repeat(200)}`,
      })
    big.causes = undefined
    const md = renderMarkdown(big)
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MARKDOWN_BUDGET)
    expect(MARKDOWN_BUDGET).toBeLessThanOrEqual((1024 * 1024) / 2)
    expect(md.split('\n')[2]).toBe(`**Fix first: ${cause1!.fix}**`)
    expect(md).toContain('### 3 causes (3 failed checks)')
    expect(md).toContain(`**${'6 passed · 3 failed'}`)
    expect(md).toMatch(
      /> \d+ more parts were left out to keep this summary within GitHub's step-summary size: see report\.json and report\.html\./,
    )
    const small = renderMarkdown(run, { budget: 6000 })
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(6000)
    expect(inOrder(small, ['### 3 causes', '1. **', '**6 passed'])).toBe(true)
  })

  it('JUnit: the head comments in the same order, with the first fix second', () => {
    const xml = renderJUnit(run)
    const head = xml.slice(0, xml.indexOf('<testsuites'))
    expect(head.split('\n')[2]).toBe(`<!-- Fix first: ${cause1!.fix} -->`)
    expect(
      inOrder(head, [
        '<!-- 3 causes (3 failed checks) -->',
        '<!-- Cause 1: ',
        '<!-- Cause 3: ',
        '<!-- Gallery onboarding: ',
        '<!-- Logic App validation (predicted)',
        '<!-- Gallery warning 1: ',
        '<!-- RFC only warning 5: ',
        '<!-- 6 passed',
      ]),
    ).toBe(true)
    expect(xml).toContain('<property name="fix-first" value="')
  })

  it('JSON: the causes and the prediction right after the verdict, valid against the schema', () => {
    const text = renderJson(run)
    const keys = Object.keys(JSON.parse(text))
    expect(keys.slice(0, 7)).toEqual(['$schema', 'run', 'verdict', 'causeSummary', 'causes', 'prediction', 'counts'])
    const schema = JSON.parse(readFileSync(new URL('../../helpers/report/report.schema.json', import.meta.url), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
  })
})

describe('every console line fits the width it was given', () => {
  const fixtures: [string, () => RunResult][] = [
    ['the failing run', failingRun],
    ['the mixed run', mixedRun],
    ['the clean run', cleanRun],
  ]
  const widths = [40, 60, 80, 100, 132, undefined]
  for (const [name, make] of fixtures) {
    it(`${name}, at ${widths.map((w) => w ?? 'no terminal (100)').join(', ')} columns, default and --verbose, plain and coloured`, () => {
      for (const width of widths) {
        for (const verbose of [false, true]) {
          for (const color of [false, true]) {
            const out = renderConsole(make(), {
              color,
              verbose,
              width,
              reports: [
                'reports/2026-05-06T10-00-00Z-f41l/report.json',
                'reports/2026-05-06T10-00-00Z-f41l/report.html',
              ],
            })
            const over = out.split('\n').filter((l) => visibleLength(l) > (width ?? 100))
            expect(over, `${width} ${verbose} ${color}`).toEqual([])
          }
        }
      }
    })
  }

  it("takes COLUMNS over the terminal's width, the terminal's over the default", () => {
    expect(terminalWidth(120, '80')).toBe(80)
    expect(terminalWidth(120, undefined)).toBe(120)
    expect(terminalWidth(120, '')).toBe(120)
    expect(terminalWidth(undefined, 'wide')).toBeUndefined()
  })

  it('wraps at spaces under the label it continues, cuts only a word wider than the line, and reopens a colour on the next line', () => {
    expect(wrapLine('     Fix: aaaa bbbb cccc dddd', 20)).toEqual(['     Fix: aaaa bbbb', '          cccc dddd'])
    expect(
      wrapLine(`  ${'x'.repeat(45)}`, 20)
        .map(visibleLength)
        .every((n) => n <= 20),
    ).toBe(true)
    const coloured = wrapLine('\u001b[31maaaa bbbb cccc\u001b[0m', 10)
    expect(coloured).toEqual(['\u001b[31maaaa bbbb\u001b[0m', '  \u001b[31mcccc\u001b[0m'])
  })
})

describe('the html tag', () => {
  it('escapes every interpolation unless it is already HTML, and joins lists', () => {
    const name = '<img src=x onerror=alert(1)>'
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>',
    )
    expect(html`<ul>${['a&b', html`<li>c</li>`]}</ul>`.value).toBe('<ul>a&amp;b<li>c</li></ul>')
    expect(html`${undefined}${null}${false}${0}${trusted('<br>')}`.value).toBe('0<br>')
  })

  it('leaves quotes alone between tags and escapes them in attribute values, wherever the value is', () => {
    const json = `{"a": "it's"}`
    expect(html`<pre>${json}</pre>`.value).toBe(`<pre>{"a": "it's"}</pre>`)
    const quote = `x" onmouseover="alert(1)`
    const attr = 'x&quot; onmouseover=&quot;alert(1)'
    expect(html`<p title="${quote}">`.value).toBe(`<p title="${attr}">`)
    expect(html`<p title='${quote}'>`.value).toBe(`<p title='${attr}'>`)
    expect(html`<p title=${quote}>`.value).toBe(`<p title=${attr}>`)
    // A '>' inside a quoted value does not close the tag; the value after it is still an attribute.
    expect(html`<p title="a > b ${quote}">${quote}</p>`.value).toBe(`<p title="a > b ${attr}">${quote}</p>`)
    // Two values in one attribute, and text after the tag closes.
    expect(html`<a href="${quote}${quote}">${json}</a>`.value).toBe(`<a href="${attr}${attr}">${json}</a>`)
  })
})
