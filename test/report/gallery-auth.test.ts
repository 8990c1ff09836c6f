// The gallery checklist's authentication item: client credentials or workload identity federation meet it, it says
// which one the run showed, and a client secret without a second one leaves rotation "not tested", with how to test it.
import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../helpers/model/result.ts'
import { computeVerdict, type VerdictOptions } from '../../helpers/result/verdict.ts'
import type { Severity } from '../../helpers/model/check-info.ts'
import { rfc6749 } from '../../helpers/model/refs.ts'

function check(id: string, severity: Severity, outcome: CheckResult['outcome'] = 'passed'): CheckResult {
  return {
    id,
    title: id,
    flow: 'Authentication',
    severity,
    outcome,
    exchanges: [],
    durationMs: 1,
    fix: 'fix it',
    evidence: { says: 'because', sources: [rfc6749('5.1')] },
    refs: [rfc6749('5.1')],
    entra: { code: 'x', effect: 'y' },
  }
}

const AUTH = (rotation: CheckResult['outcome'], forged: CheckResult['outcome'] = 'passed'): CheckResult[] => [
  check('authentication/token-response-has-expires-in', 'gallery'),
  check('authentication/issued-token-works', 'entra'),
  check('authentication/second-client-secret-works', 'gallery', rotation),
  check('authentication/federated-assertion-gets-working-token', 'entra'),
  check('authentication/federation-refuses-wrong-key', 'gallery', forged),
]
const REAL: VerdictOptions = {
  groupsTested: true,
  oauthTested: true,
  gallery: true,
  target: { url: 'https://scim.example.com/scim/v2', embedded: false, tls: 'TLSv1.3' },
  rate: { measured: 40, required: 25 },
}
const oauth = (checks: CheckResult[], authMethods: VerdictOptions['authMethods']) =>
  computeVerdict(checks, { ...REAL, authMethods }).gallery.items.find((i) => i.id === 'oauth')!

describe('the gallery checklist: authentication', () => {
  it('federation alone meets it, and says so (no client secret to rotate)', () => {
    expect(oauth(AUTH('skipped'), { clientSecret: false, secondSecret: false, federation: true })).toMatchObject({
      status: 'met',
      basis: ['shown with workload identity federation (a signed client assertion)', '4 checks passed'],
    })
  })

  it('a client secret without a second one: rotation not tested, how to test it, and --gallery fails a real target', () => {
    const item = oauth(AUTH('skipped'), { clientSecret: true, secondSecret: false, federation: false })
    expect(item).toMatchObject({
      status: 'not-tested',
      basis: ['shown with a client secret', '4 checks passed', 'secret rotation not tested'],
      next: expect.stringMatching(/--client-secret-2 \(SCIM_CLIENT_SECRET_2\)/),
    })
    expect(
      computeVerdict(AUTH('skipped'), {
        ...REAL,
        authMethods: { clientSecret: true, secondSecret: false, federation: false },
      }).gallery.failsRun,
    ).toBe(true)
  })

  it('two working secrets and federation: met, naming both methods', () => {
    expect(oauth(AUTH('passed'), { clientSecret: true, secondSecret: true, federation: true })).toMatchObject({
      status: 'met',
      basis: [
        'shown with a client secret and workload identity federation (a signed client assertion)',
        '5 checks passed',
      ],
    })
  })

  it('a refused second secret, or a forged assertion accepted, is not met', () => {
    expect(oauth(AUTH('warned'), { clientSecret: true, secondSecret: true, federation: false })).toMatchObject({
      status: 'not-met',
      basis: ['authentication/second-client-secret-works: warned (gallery warning)'],
    })
    expect(oauth(AUTH('passed', 'failed'), { clientSecret: true, secondSecret: true, federation: true })).toMatchObject(
      { status: 'not-met', basis: ['authentication/federation-refuses-wrong-key: failed'] },
    )
  })
})
