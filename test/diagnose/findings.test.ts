// What diagnose calls a failed probe, by the status of its decisive answer: a 501 is a refusal (NotImplemented), never a
// server error, as everywhere else (helpers/model/exchange.ts isServerErrorStatus).
import { describe, expect, test } from 'vitest'
import { findingsFromChecks } from '../../helpers/diagnose/findings.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { CheckResult } from '../../helpers/model/result.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'

const URL = 'https://scim.example/scim/v2/Users?filter=userName+eq+%22a%22'

function answered(status: number, statusText: string): Exchange {
  return {
    seq: 1,
    startedAt: '2026-12-07T00:00:00.000Z',
    durationMs: 12,
    request: { method: 'GET', url: URL, headers: {} },
    response: { status, statusText, headers: { 'content-type': 'application/scim+json' } },
  }
}

const failed: CheckResult = {
  id: 'test-connection/users-filter-responds-200',
  title: 'Answers a filter query on userName with 200',
  flow: 'Test Connection',
  severity: 'entra',
  evidence: { says: 'Entra sends this query.', sources: [rfc7644('3.4.2')] },
  refs: [],
  outcome: 'failed',
  message: `GET ${URL} answered something else`,
  exchanges: [1],
  durationMs: 12,
  entra: {
    code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
    effect: 'Test Connection fails.',
  },
  fix: 'Answer the query with 200.',
}

describe('findingsFromChecks: the code of a failed probe', () => {
  test('a 501 is NotImplemented, not InternalServerError', () => {
    const [finding] = findingsFromChecks([failed], [answered(501, 'Not Implemented')])
    expect(finding?.code).toBe('NotImplemented')
  })
  test('a 500 or 503 is InternalServerError', () => {
    expect(findingsFromChecks([failed], [answered(500, 'Internal Server Error')])[0]?.code).toBe('InternalServerError')
    expect(findingsFromChecks([failed], [answered(503, 'Service Unavailable')])[0]?.code).toBe('InternalServerError')
  })
})
