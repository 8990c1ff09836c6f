// Causes first in every format: a run with 12 failed checks that come from 3 defects leads every report with
// "3 causes (12 failed checks)", the causes ranked by what they do to Entra (not by catalog order or by size).
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { groupCauses } from '../../helpers/result/causes.ts'
import type { CheckResult, RunResult } from '../../helpers/model/result.ts'
import { computeVerdict, countOutcomes } from '../../helpers/result/verdict.ts'
import { renderConsole } from '../../helpers/report/console.ts'
import { renderHtml } from '../../helpers/report/html.ts'
import { renderJson } from '../../helpers/report/json.ts'
import { renderJUnit } from '../../helpers/report/junit.ts'
import { renderMarkdown } from '../../helpers/report/markdown.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'

const BASE = 'https://scim.contoso.example/scim/v2'
const exchanges: Exchange[] = []

function exchange(method: string, path: string, status: number, body?: unknown, resBody?: unknown): Exchange {
  const ex: Exchange = {
    seq: exchanges.length + 1,
    startedAt: '2026-05-05T09:00:00.000Z',
    durationMs: 12,
    request: { method, url: `${BASE}${path}`, headers: {}, ...(body !== undefined ? { body } : {}) },
    response: {
      status,
      statusText: '',
      headers: { 'content-type': 'application/scim+json' },
      ...(resBody !== undefined ? { body: resBody } : {}),
    },
  }
  exchanges.push(ex)
  return ex
}

function failed(id: string, flow: string, ex: Exchange, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title: `rule of ${id}`,
    flow,
    severity: 'entra',
    evidence: { says: 'a test rule', sources: [rfc7644('3.5.2')] },
    refs: [rfc7644('3.5.2')],
    outcome: 'failed',
    exchanges: [ex.seq],
    durationMs: 3,
    entra: { code: 'SystemForCrossDomainIdentityManagementBadRequest', effect: 'The update fails.' },
    fix: `fix for ${id}`,
    message: `${id} failed`,
    ...extra,
  }
}

// Nine checks of eight flows refused the same way: PATCH with op "Replace" → 400. One defect, one fix.
const refusedChecks = [
  'update-user-single-valued',
  'update-user-multi-valued',
  'update-user-manager',
  'update-user-empty-values',
  'update-user-multiple-operations',
  'update-user-single-valued',
  'update-user-multi-valued',
  'update-user-manager',
  'update-user-empty-values',
].map((flow, i) => {
  const ex = exchange(
    'PATCH',
    `/Users/u${i}`,
    400,
    { Operations: [{ op: 'Replace', path: 'displayName', value: 'x' }] },
    { detail: 'Invalid op "Replace"' },
  )
  return failed(`${flow}/responds-200-or-204`, flow, ex, {
    dialect: i < 5 ? 'legacy' : 'aadOptscim062020',
    expected: '200 or 204',
    actual: { status: 400 },
    observed: {
      answer: 'refused',
      exchange: ex.seq,
      request: 'PATCH /Users/{id} with op "Replace" → 400',
      status: 400,
    },
  })
})
// Matching broken: the match query finds nothing, in both dialects of a per-dialect flow.
const matching = (['legacy', 'aadOptscim062020'] as const).map((dialect) => {
  const ex = exchange('GET', '/Users?filter=userName%20eq%20%22a%22', 200, undefined, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 0,
    Resources: [],
  })
  return failed('get-user-by-query/finds-the-user', 'Get User by query', ex, {
    dialect,
    entra: { code: 'DuplicateTargetEntries', effect: 'Entra creates a second user.' },
    observed: { answer: 'accepted', exchange: ex.seq, request: 'GET /Users?filter=userName eq … → 200', status: 200 },
  })
})
// Cosmetic: 200 where 204 was asked.
const deleted = exchange('DELETE', '/Users/u9', 200)
const cosmetic = failed('delete-user/responds-204', 'Delete User', deleted, {
  expected: '204',
  actual: { status: 200 },
  entra: { code: 'none', effect: 'Entra accepts any 2xx.' },
  observed: { answer: 'accepted', exchange: deleted.seq, request: 'DELETE /Users/{id} → 200', status: 200 },
})
const blocked: CheckResult = {
  ...failed(
    'update-user-single-valued/updates-title',
    'update-user-single-valued',
    refusedChecks[0]!.exchanges.length ? exchanges[0]! : deleted,
  ),
  outcome: 'blocked',
  blockedBy: 'update-user-single-valued/responds-200-or-204',
  message: 'blocked by update-user-single-valued/responds-200-or-204',
}
const passed: CheckResult = { ...failed('create-user/responds-201', 'Create User', deleted), outcome: 'passed' }

// Catalog order puts the refused PATCHes first; the matching cause must still lead.
const checks = [passed, ...refusedChecks, blocked, ...matching, cosmetic]

function fixture(): RunResult {
  return {
    run: {
      tool: { name: 'scim-preflight', version: '0.0.0' },
      runId: 'r1',
      runPrefix: 'spf-r1',
      target: BASE,
      embedded: false,
      startedAt: '2026-05-05T09:00:00.000Z',
      finishedAt: '2026-05-05T09:00:10.000Z',
      durationMs: 10_000,
      dialects: ['legacy', 'aadOptscim062020'],
      profile: 'entra-default',
      matchingAttribute: 'userName',
      seed: 1,
      strict: false,
      readOnly: false,
      concurrency: 4,
      notices: [],
    },
    verdict: computeVerdict(checks, { groupsTested: true }),
    causes: groupCauses(checks, exchanges),
    counts: countOutcomes(checks),
    checks,
    exchanges,
    leftovers: [],
  }
}

const HEAD = '3 causes (12 failed checks)'
// Each title says what the server did (the failure's finding), never the rule's wording; the server's text is whole
// in serverMessage, not cut into the title.
const TITLES = [
  'Get User by query: get-user-by-query/finds-the-user failed',
  'Answers 400 to PATCH /Users/{id} with op "Replace" on displayName',
  'Delete User: delete-user/responds-204 failed',
]
const inOrder = (text: string, parts: readonly string[]): boolean => {
  const at = parts.map((p) => text.indexOf(p))
  return at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!)
}

describe('causes first, in every format (3 causes, 12 failed checks)', () => {
  const run = fixture()

  it('groups the failed checks into three causes, ranked by what they do to Entra', () => {
    const causes = run.causes!
    expect(causes.map((c) => [c.rank, c.title, c.checks.length])).toEqual([
      [1, TITLES[0], 2],
      [2, TITLES[1], 9],
      [3, TITLES[2], 1],
    ])
    expect(causes[1]!.blocked).toBe(1)
    expect(causes[1]!.serverMessage).toBe('Invalid op "Replace"')
    expect(causes[1]!.request).toBe(`PATCH ${new URL(BASE).pathname}/Users/u0 → 400`)
    expect(run.counts.failed).toBe(12)
  })

  it('names the worst cause in the verdict, not the first failing flow in catalog order', () => {
    expect(run.verdict.headline).toBe(`Entra provisioning will fail: ${TITLES[0]}`)
  })

  it('console', () => {
    const out = renderConsole(run, { color: false })
    expect(out.split('\n')).toContain(HEAD)
    expect(inOrder(out, [HEAD, `1. ${TITLES[0]}`, `2. ${TITLES[1]}`, `3. ${TITLES[2]}`])).toBe(true)
    expect(out.indexOf(HEAD)).toBeLessThan(out.indexOf('Blocked:'))
  })

  it('JSON', () => {
    const json = JSON.parse(renderJson(run)) as RunResult
    expect(Object.keys(json).slice(0, 5)).toEqual(['$schema', 'run', 'verdict', 'causeSummary', 'causes'])
    expect(json.causeSummary).toBe(HEAD)
    expect(json.causes!.map((c) => [c.rank, c.title, c.checks.length])).toEqual([
      [1, TITLES[0], 2],
      [2, TITLES[1], 9],
      [3, TITLES[2], 1],
    ])
    const ajv = new Ajv({ allErrors: true, strict: true })
    addFormats.default(ajv)
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL('../../helpers/report/report.schema.json', import.meta.url), 'utf8')),
    )
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
  })

  it('JUnit', () => {
    const xml = renderJUnit(run)
    expect(xml.split('\n')[2]).toBe('<!-- Fix first: fix for get-user-by-query/finds-the-user -->')
    expect(
      inOrder(xml, [`<!-- ${HEAD} -->`, `Cause 1: ${TITLES[0]}`, `Cause 2: ${TITLES[1]!}`, `Cause 3: ${TITLES[2]}`]),
    ).toBe(true)
    expect(xml).toContain(`<property name="causes" value="${HEAD}"/>`)
    expect((xml.match(/<failure /g) ?? []).length).toBe(12)
  })

  it('HTML', () => {
    const html = renderHtml(run)
    const section = html.slice(html.indexOf('<section id="root-causes">'))
    expect(section.startsWith(`<section id="root-causes"><h2>${HEAD}</h2>`)).toBe(true)
    // Between tags only &, < and > are escaped: quotes are plain text there.
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    expect(inOrder(section, TITLES.map(esc))).toBe(true)
    expect(html.indexOf('id="root-causes"')).toBeLessThan(html.indexOf('id="matrix"'))
  })

  it('Markdown', () => {
    const md = renderMarkdown(run)
    expect(md).toContain(`### ${HEAD}`)
    expect(inOrder(md, [`### ${HEAD}`, `1. **${TITLES[0]}**`, `2. **${TITLES[1]}**`, `3. **${TITLES[2]}**`])).toBe(true)
    expect(md.indexOf(`### ${HEAD}`)).toBeLessThan(md.indexOf('| Flow | Dialect |'))
  })
})
