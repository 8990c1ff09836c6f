import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { explainJobStatus, rankCauses, readProvisioningLogs, type LogAggregate } from '../../helpers/diagnose/index.ts'
import { managerFailure, summary, synchronizationJob, writeGraphPage } from './graph-shapes.ts'

let dir: string
let logs: LogAggregate
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-causes-'))
  const path = join(dir, 'logs.json')
  function* entries(): Generator<Record<string, unknown>> {
    let n = 0
    for (let i = 0; i < 3_000; i++)
      yield summary({ n: n++, status: 'failure', errorCode: 'EntryConflict', reason: '409 uniqueness' })
    for (let i = 0; i < 1_000; i++)
      yield summary({ n: n++, action: 'update', status: 'failure', errorCode: 'Timeout', reason: 'slow' })
    for (let i = 0; i < 2_500; i++)
      yield managerFailure(n++, 'SystemForCrossDomainIdentityManagementServiceIncompatible', 'manager')
    for (let i = 0; i < 500; i++) yield summary({ n: n++, status: 'success' })
  }
  await writeGraphPage(path, entries())
  logs = await readProvisioningLogs(path)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const NOW = new Date('2026-10-02T00:00:00Z')

describe('rankCauses', () => {
  test('logs alone: non-reference failures outrank a larger share of reference failures', () => {
    const causes = rankCauses({ logs })
    expect(causes.map((c) => c.code)).toEqual([
      'EntryConflict',
      'Timeout',
      'SystemForCrossDomainIdentityManagementServiceIncompatible',
    ])
    const top = causes[0]
    expect(top?.reproduce).toEqual({
      checkId: 'get-user-by-query/finds-exactly-one',
      command: "npx scim-preflight --only 'get-user-by-query/finds-exactly-one'",
    })
    expect(top?.observations.join('\n')).toMatch(/3,000 of 6,500 failures/)
    expect(top?.observations.join('\n')).toMatch(/Over the quarantine threshold/)
    expect(top?.fix).toMatch(/matching/)
  })

  test('a live probe that breaks provisioning leads, and agrees with the job status', () => {
    const job = explainJobStatus(
      synchronizationJob({
        reason: 'EncounteredQuarantineException',
        seriesBegan: '2026-10-01T00:00:00Z',
        error: {
          code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
          message: '401',
          tenantActionable: true,
        },
      }),
      { now: NOW },
    )
    const causes = rankCauses({
      logs,
      job,
      probes: [
        {
          checkId: 'test-connection/rejects-wrong-token',
          code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
          quarantine: 'EncounteredQuarantineException',
          observation: 'GET /Users?filter=userName eq "x" with the configured token answered 401',
          severity: 3,
        },
      ],
    })
    const top = causes[0]
    expect(top?.code).toBe('SystemForCrossDomainIdentityManagementCredentialValidationFailure')
    expect(top?.quarantineReason).toBe('EncounteredQuarantineException')
    expect(top?.reproduce?.command).toBe("npx scim-preflight --only 'test-connection/rejects-wrong-token'")
    expect(top?.observations).toHaveLength(2)
    // ServiceIncompatible also leads to EncounteredQuarantineException, so it is boosted above EntryConflict.
    expect(causes[1]?.code).toBe('SystemForCrossDomainIdentityManagementServiceIncompatible')
  })

  test('job status alone still names a cause', () => {
    const job = explainJobStatus(
      synchronizationJob({ reason: 'TooManyDeletes', seriesBegan: '2026-10-01T00:00:00Z' }),
      { now: NOW },
    )
    const causes = rankCauses({ job })
    expect(causes).toHaveLength(1)
    expect(causes[0]).toMatchObject({ code: 'TooManyDeletes', quarantineReason: 'TooManyDeletes' })
    expect(causes[0]?.reproduce).toBeUndefined()
  })

  test('an unknown probe code is kept and says it is not in the table', () => {
    const causes = rankCauses({ probes: [{ code: 'BlockedByProxy', observation: 'HTML 403 from a WAF', severity: 2 }] })
    expect(causes[0]?.title).toMatch(/not in the table/)
    expect(causes[0]?.score).toBe(80)
  })

  test('no input, no causes', () => {
    expect(rankCauses({})).toEqual([])
  })
})
