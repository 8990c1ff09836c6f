import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { renderJUnit } from '../../helpers/report/junit.ts'
import { xmlAttr, xmlText } from '../../helpers/report/xml.ts'
import type { RunResult } from '../../helpers/model/result.ts'
import { mixedRun } from './fixtures.ts'

interface Prop {
  name: string
  value: string
}
interface Case {
  name: string
  classname: string
  failure?: { message: string; type: string; '#text': string }
  skipped?: unknown
  properties: { property: Prop[] }
}
interface Suite {
  name: string
  tests: string
  failures: string
  testcase: Case[]
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
})
function parse(run: RunResult): { suites: Suite[]; cases: Case[]; xml: string; gallery?: Suite } {
  const xml = renderJUnit(run)
  expect(XMLValidator.validate(xml)).toBe(true)
  const all = parser.parse(xml).testsuites.testsuite as Suite[]
  // The gallery checklist is a suite of its own, after the flows.
  const suites = all.filter((s) => s.name !== 'Gallery onboarding')
  return {
    suites,
    cases: suites.flatMap((s) => s.testcase),
    xml,
    gallery: all.find((s) => s.name === 'Gallery onboarding'),
  }
}
const prop = (c: Case, name: string) => c.properties.property.filter((p) => p.name === name).map((p) => p.value)

describe('renderJUnit', () => {
  const run = mixedRun()
  const { suites, cases, xml } = parse(run)

  it('puts the verdict right after the XML declaration', () => {
    expect(xml.split('\n')[1]).toBe(
      '<!-- Entra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id" -->',
    )
  })

  it('has one testsuite per flow, split by dialect when a flow ran in several', () => {
    expect(suites.map((s) => s.name)).toEqual([
      'Test Connection',
      'Create User',
      'Update User [Single-valued properties] [legacy]',
      'Update User [Single-valued properties] [aadOptscim062020]',
      'Update Group [Remove Members]',
    ])
  })

  it('has one testcase per check named "id — title" with the flow as classname', () => {
    expect(cases).toHaveLength(run.checks.length)
    expect(cases[0]).toMatchObject({
      name: 'test-connection/zero-results-200 — Answers a query for a user that does not exist with 200 and an empty ListResponse',
      classname: 'Test Connection',
    })
    expect(cases.map((c) => c.name)).toContain(
      'update-user/replace-single-valued — Applies a replace of a single-valued attribute [legacy]',
    )
  })

  it('has exactly one failing testcase per failed check, carrying message, request line and expected/actual', () => {
    const failing = cases.filter((c) => c.failure)
    expect(failing.map((c) => c.name.split(' — ')[0])).toEqual(
      run.checks.filter((c) => c.outcome === 'failed').map((c) => c.id),
    )
    const f = failing.find((c) => c.name.startsWith('update-group-remove-members/value-filter'))!.failure!
    expect(f.message).toBe(
      'PATCH /Groups/{id} removing members[value eq "…"]: expected 204 No Content, got 500 Internal Server Error',
    )
    expect(f.type).toBe('InternalServerError')
    expect(f['#text']).toContain(
      'Request: PATCH https://scim.fabrikam.example/scim/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a → 500 Internal Server Error',
    )
    expect(f['#text']).toContain('Expected: 204\nActual: 500')
    expect(f['#text']).toContain('Fix: Support value filters in PATCH remove paths')
    expect(suites.map((s) => Number(s.failures))).toEqual([0, 1, 1, 0, 1])
  })

  it('keeps warnings passing with a warning property, and marks skipped checks', () => {
    const warned = cases.find((c) => c.name.startsWith('update-group-remove-members/responds-204'))!
    expect(warned.failure).toBeUndefined()
    expect(prop(warned, 'warning')).toEqual([
      'PATCH /Groups/{id}: expected 204 No Content, got 200 OK with the full group',
    ])
    const skipped = cases.find((c) => c.name.startsWith('update-group-remove-members/read-back'))!
    expect(skipped.skipped).toBeDefined()
  })

  it('fails warnings under a strict run', () => {
    const strict = mixedRun()
    strict.run.strict = true
    expect(parse(strict).cases.filter((c) => c.failure)).toHaveLength(5)
  })

  it('lists severity, references, Entra code and dialect as properties', () => {
    const c = cases.find((x) => x.name.includes('[legacy]'))!
    expect(prop(c, 'severity')).toEqual(['entra'])
    expect(prop(c, 'level')).toEqual(['Entra breaks'])
    expect(prop(c, 'level.evidence')).toEqual(["Microsoft's tutorial shows Entra sending this request."])
    expect(prop(c, 'dialect')).toEqual(['legacy'])
    expect(prop(c, 'entra.code')).toEqual(['SystemForCrossDomainIdentityManagementBadRequest'])
    expect(prop(c, 'reference')[0]).toBe('RFC 7644 §3.5.2 https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2')
  })

  it('escapes markup and control characters so any parser accepts the file', () => {
    const nasty = mixedRun()
    nasty.checks[3]!.message = 'bad <tag> & "quotes" \'apos\' \u0000\u0007\u001b[31m\uFFFF -- ]]>'
    nasty.checks[3]!.title = 'Title with \ud800 lone surrogate'
    const { cases: cs, xml: x } = parse(nasty)
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, which the file must not contain
    expect(x).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/)
    const f = cs.find((c) => c.failure?.message.startsWith('bad'))!
    expect(f.failure!.message).toBe('bad <tag> & "quotes" \'apos\' \\u0000\\u0007\\u001b[31m\\uffff -- ]]>')
  })

  it('marks new failures when the run carries a diff', () => {
    const r = mixedRun()
    r.diff = { baseline: 'base', newFailures: ['update-user/replace-single-valued [legacy]'], fixed: [], changed: [] }
    const { cases: cs, xml: x } = parse(r)
    expect(x.split('\n').find((l) => l.startsWith('<!-- Compared with'))).toContain(
      'Compared with base: new failures update-user/replace-single-valued [legacy]',
    )
    expect(cs.filter((c) => prop(c, 'new-failure').length).map((c) => c.name)).toEqual([
      'update-user/replace-single-valued — Applies a replace of a single-valued attribute [legacy]',
    ])
  })
})

describe('the gallery checklist in JUnit', () => {
  it('is a suite of one case per requirement, failing only when --gallery enforces it', () => {
    const { gallery } = parse(mixedRun())
    expect(gallery?.testcase.map((c) => c.name.split(' — ')[0])).toEqual([
      'gallery/oauth',
      'gallery/schemas',
      'gallery/groups',
      'gallery/https',
      'gallery/rate',
      'gallery/validator',
    ])
    expect(gallery?.failures).toBe('0')
    const enforced = mixedRun()
    enforced.verdict.gallery = { ...enforced.verdict.gallery, enforced: true, failsRun: true }
    const strictGallery = parse(enforced).gallery!
    expect(strictGallery.testcase.filter((c) => c.failure).map((c) => c.name.split(' — ')[0])).toEqual([
      'gallery/oauth',
      'gallery/schemas',
      'gallery/groups',
      'gallery/rate',
      'gallery/validator',
    ])
  })

  it('says when the run was incomplete', () => {
    const cut = mixedRun()
    cut.verdict.scope = {
      complete: false,
      judged: 8,
      total: 152,
      limits: [
        "Incomplete run (cut by --only 'create-user/*'): 8 of 152 checks were judged, and the verdict covers only those.",
      ],
    }
    const { xml } = parse(cut)
    expect(xml).toContain('<property name="verdict.complete" value="false"/>')
    expect(xml).toMatch(/<!-- Incomplete run \(cut by - -only/)
  })
})

describe('xml escaping', () => {
  it('keeps newlines in text and encodes them in attributes', () => {
    expect(xmlText('a\nb<')).toBe('a\nb&lt;')
    expect(xmlAttr('a\nb\t"')).toBe('a&#10;b&#9;&quot;')
  })
})
