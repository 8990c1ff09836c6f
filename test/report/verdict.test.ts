import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../helpers/model/result.ts'
import { computeVerdict, countOutcomes, type VerdictOptions } from '../../helpers/result/verdict.ts'
import type { Severity } from '../../helpers/model/check-info.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'
import { BASE, CHECKS, cleanRun } from './fixtures.ts'

const only = (outcomes: CheckResult['outcome'][]): CheckResult[] =>
  CHECKS.slice(0, outcomes.length).map((c, i) => ({ ...c, outcome: outcomes[i]! }))
const REAL: VerdictOptions['target'] = { url: BASE, embedded: false, tls: 'TLSv1.3' }

function check(id: string, flow: string, severity: Severity, outcome: CheckResult['outcome'] = 'passed'): CheckResult {
  return {
    id,
    title: id,
    flow,
    severity,
    outcome,
    exchanges: [],
    durationMs: 1,
    fix: 'fix it',
    evidence: { says: 'because', sources: [rfc7644('3.6')] },
    refs: [rfc7644('3.6')],
    entra: { code: 'x', effect: 'y' },
  }
}

/** A run that covers every gallery requirement the checks can show. */
const GALLERY_RUN = (): CheckResult[] => [
  check('authentication/token-response-has-expires-in', 'Authentication', 'gallery'),
  check('authentication/token-endpoint-refuses-wrong-secret', 'Authentication', 'rfc'),
  check('discovery/schemas-is-list-response', 'Schema discovery', 'gallery'),
  check('create-user/responds-201', 'Create User', 'entra'),
  check('create-group/responds-201', 'Create Group', 'entra'),
  check('get-users-paged/honours-count', 'Get Users [Paged]', 'gallery'),
]
const ALL_MET: VerdictOptions = {
  groupsTested: true,
  oauthTested: true,
  target: REAL,
  rate: { measured: 40, required: 25 },
}

describe('computeVerdict', () => {
  it('names the worst cause of the run', () => {
    const v = computeVerdict(CHECKS, { groupsTested: true, target: REAL })
    expect(v.kind).toBe('fails')
    expect(v.headline).toBe('Entra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id"')
  })

  it('is incomplete, never ready, when every check was skipped', () => {
    const v = computeVerdict(only(['skipped', 'skipped']), { groupsTested: true, target: REAL })
    expect(v.kind).toBe('incomplete')
    expect(v.scope.limits.join(' ')).toMatch(/no check could be judged/)
  })

  it('says "with warnings" when nothing failed and a check warned', () => {
    const v = computeVerdict(only(['passed', 'passed', 'passed', 'passed', 'warned']), {
      groupsTested: true,
      target: REAL,
    })
    expect(v).toMatchObject({ kind: 'warnings', headline: 'Works with Entra, with warnings' })
  })

  it('is "Ready for Entra" only for a complete, clean run against a real https target', () => {
    expect(computeVerdict(cleanRun().checks, { groupsTested: true, target: REAL }).headline).toBe('Ready for Entra')
  })

  it('does not call a run with a waived failure ready, nor failing', () => {
    expect(computeVerdict(only(['passed', 'waived']), { groupsTested: true, target: REAL }).kind).toBe('warnings')
  })

  it('says incomplete, with how much was judged, for a run cut or stopped', () => {
    const v = computeVerdict(cleanRun().checks, {
      groupsTested: true,
      target: REAL,
      scope: { incomplete: ['stopped by --max-time (1000 ms)'], total: 152 },
    })
    expect(v.kind).toBe('incomplete')
    expect(v.headline).toBe('Incomplete run: no failure in the 6 of 152 checks judged')
    expect(v.scope).toEqual({
      complete: false,
      judged: 6,
      total: 152,
      limits: [
        'Incomplete run (stopped by --max-time (1000 ms)): 6 of 152 checks were judged, and the verdict covers only those.',
      ],
    })
  })

  it('says nothing was judged, not "no failure", when every selected check was skipped or blocked', () => {
    const v = computeVerdict(only(['skipped', 'blocked']), {
      groupsTested: true,
      target: REAL,
      scope: { incomplete: ["cut by --only 'create-user/finds-user-by-each-matching-attribute'"], total: 152 },
    })
    expect(v.kind).toBe('incomplete')
    expect(v.headline).toBe('Nothing judged: none of the 152 checks reached a verdict')
  })

  it('a failure still leads an incomplete run, which the scope says', () => {
    const v = computeVerdict(CHECKS, {
      groupsTested: true,
      target: REAL,
      scope: { incomplete: ["cut by --only 'create-user/*'"], total: 152 },
    })
    expect(v.kind).toBe('fails')
    expect(v.scope.complete).toBe(false)
  })

  it('never calls the built-in endpoint or a plain http:// target ready', () => {
    const embedded = computeVerdict(cleanRun().checks, {
      groupsTested: true,
      target: { url: 'http://127.0.0.1:1/scim/v2', embedded: true },
    })
    expect(embedded).toMatchObject({
      kind: 'not-ready',
      headline: 'Built-in reference endpoint: no check failed (a demonstration, not a verdict on your server)',
    })
    const http = computeVerdict(cleanRun().checks, {
      groupsTested: true,
      target: { url: 'http://scim.example/scim', embedded: false },
    })
    expect(http.kind).toBe('not-ready')
    expect(http.headline).toMatch(/^Not ready for Entra: the target is plain http:\/\//)
    expect(http.gallery.items.find((i) => i.id === 'https')?.status).toBe('not-met')
  })

  it('names a failed Gallery or RFC-only check (under --gallery or --strict) by its level', () => {
    const v = computeVerdict([check('discovery/schemas-is-list-response', 'Schema discovery', 'gallery', 'failed')], {
      groupsTested: true,
      target: REAL,
    })
    expect(v.headline).toBe(
      'Not ready for the Entra app gallery: Schema discovery: does not meet “discovery/schemas-is-list-response”',
    )
    const r = computeVerdict([check('delete-user/delete-again-responds-404', 'Delete User', 'rfc', 'failed')], {
      groupsTested: true,
      target: REAL,
    })
    expect(r.headline).toBe(
      'Fails the RFC rules (--strict): Delete User: does not meet “delete-user/delete-again-responds-404”',
    )
  })
})

describe('the gallery checklist', () => {
  it('meets every requirement with OAuth, /Schemas, groups, TLS 1.3, 40 req/s and the validator checks', () => {
    const g = computeVerdict(GALLERY_RUN(), ALL_MET).gallery
    expect(g.items.map((i) => `${i.id}: ${i.status}`)).toEqual([
      'oauth: met',
      'schemas: met',
      'groups: met',
      'https: met',
      'rate: met',
      'validator: met',
    ])
    expect(g).toMatchObject({ met: true, enforced: false, failsRun: false })
    expect(g.text).toBe(
      'Gallery onboarding requirements met: OAuth client credentials, schema discovery, groups, HTTPS (TLS 1.2+), 25 req/s, SCIM Validator tests',
    )
    expect(g.items.find((i) => i.id === 'rate')?.basis).toEqual(['40 req/s'])
  })

  it('counts a Gallery-level warning as not met, with the check id as its basis; an RFC-only warning does not count', () => {
    const checks = GALLERY_RUN()
    checks[2]!.outcome = 'warned'
    checks[1]!.outcome = 'warned'
    const g = computeVerdict(checks, ALL_MET).gallery
    expect(g.items.find((i) => i.id === 'schemas')).toMatchObject({
      status: 'not-met',
      basis: ['discovery/schemas-is-list-response: warned (gallery warning)'],
    })
    expect(g.items.find((i) => i.id === 'oauth')?.status).toBe('met')
    expect(g.failsRun).toBe(false)
  })

  it('with --gallery: a secret-token run is not met ("client credentials are required") and fails the run', () => {
    const v = computeVerdict(GALLERY_RUN(), { ...ALL_MET, oauthTested: false, gallery: true })
    expect(v.kind).toBe('fails')
    expect(v.headline).toBe(
      'Not ready for the Entra app gallery: OAuth client credentials not met (client credentials are required; the run authenticated with a long-lived secret token)',
    )
    expect(v.gallery.failsRun).toBe(true)
  })

  it('without --gallery the same run only says not tested, and how to test it', () => {
    const v = computeVerdict(GALLERY_RUN(), { ...ALL_MET, oauthTested: false })
    expect(v.kind).toBe('ready')
    expect(v.gallery.items[0]).toMatchObject({
      status: 'not-tested',
      next: expect.stringMatching(/--token-url, --client-id and --client-secret/),
    })
  })

  it('with --gallery, a requirement not tested fails a real target but not the built-in endpoint, which cannot show HTTPS', () => {
    const real = computeVerdict(GALLERY_RUN(), { ...ALL_MET, rate: undefined, gallery: true })
    expect(real.gallery.failsRun).toBe(true)
    expect(real.headline).toBe('Not ready for the Entra app gallery: 25 req/s not tested')
    const builtIn = computeVerdict(GALLERY_RUN(), {
      ...ALL_MET,
      gallery: true,
      target: { url: 'http://127.0.0.1:1/scim/v2', embedded: true },
    })
    expect(builtIn.gallery.items.find((i) => i.id === 'https')?.status).toBe('not-tested')
    expect(builtIn.gallery.failsRun).toBe(false)
  })

  it('a certificate trusted only through --ca-file: HTTPS not met, never "Ready for Entra", and --gallery fails', () => {
    const privateCa = { via: '--ca-file', refusal: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }
    const v = computeVerdict(GALLERY_RUN(), { ...ALL_MET, target: { ...REAL!, privateCa } })
    expect(v.kind).toBe('not-ready')
    expect(v.headline).toBe(
      'Not ready for Entra: the certificate is trusted only through --ca-file, and Entra trusts only publicly trusted certificates (no check failed)',
    )
    expect(v.gallery.items.find((i) => i.id === 'https')).toMatchObject({
      status: 'not-met',
      basis: ['negotiated TLSv1.3', 'the certificate verified only with --ca-file (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'],
    })
    expect(v.scope.limits.join(' ')).toMatch(/trusted only through --ca-file/)
    expect(computeVerdict(GALLERY_RUN(), { ...ALL_MET, gallery: true, target: { ...REAL!, privateCa } })).toMatchObject(
      {
        kind: 'fails',
        headline: expect.stringMatching(/^Not ready for the Entra app gallery: HTTPS \(TLS 1\.2\+\) not met/),
      },
    )
  })

  it('a rate below 25 req/s, or with failed requests, is not met', () => {
    expect(
      computeVerdict(GALLERY_RUN(), { ...ALL_MET, rate: { measured: 12, required: 25 } }).gallery.items.find(
        (i) => i.id === 'rate',
      ),
    ).toMatchObject({ status: 'not-met', basis: ['12 req/s'] })
    expect(
      computeVerdict(GALLERY_RUN(), {
        ...ALL_MET,
        rate: { measured: 90, required: 25, failed: 3, source: 'burst' },
      }).gallery.items.find((i) => i.id === 'rate'),
    ).toMatchObject({ status: 'not-met', basis: ['90 req/s (burst); 3 request(s) failed'] })
  })

  it('--no-groups is not met; TLS 1.1 is not met; an incomplete run does not show the validator requirement', () => {
    const g = computeVerdict(GALLERY_RUN(), {
      ...ALL_MET,
      groupsTested: false,
      groupsDisabled: true,
      target: { url: BASE, embedded: false, tls: 'TLSv1.1' },
      scope: { incomplete: ['cut'], total: 100 },
    }).gallery
    expect(g.items.map((i) => `${i.id}: ${i.status}`)).toEqual([
      'oauth: met',
      'schemas: met',
      'groups: not-met',
      'https: not-met',
      'rate: met',
      'validator: not-tested',
    ])
  })
})

describe('countOutcomes', () => {
  it('counts each outcome', () => {
    expect(countOutcomes(CHECKS)).toEqual({ passed: 5, failed: 3, warned: 2, skipped: 1, blocked: 0, waived: 1 })
  })
})
