import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { backoffPosition, explainJobStatus, readJobStatus } from '../../helpers/diagnose/index.ts'
import { QUARANTINE_REASONS } from './codes-under-test.ts'
import { synchronizationJob } from './graph-shapes.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-job-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const BEGAN = '2026-10-01T00:00:00Z'
const after = (hours: number): Date => new Date(Date.parse(BEGAN) + hours * 3_600_000)

describe('back-off schedule (6 h, 12 h, 24 h, then daily; disabled after 28 days)', () => {
  test.each([
    [1, 0, '2026-10-01T06:00:00.000Z', /first retry/],
    [7, 1, '2026-10-01T12:00:00.000Z', /second retry/],
    [13, 2, '2026-10-02T00:00:00.000Z', /third retry/],
    [25, 3, '2026-10-03T00:00:00.000Z', /next daily retry/],
    [24 * 10 + 1, 12, '2026-10-12T00:00:00.000Z', /next daily retry/],
  ])('%i h in: %i retries passed, next at %s', (hours, retries, next, words) => {
    const p = backoffPosition(new Date(BEGAN), after(hours))
    expect(p.retriesSoFar).toBe(retries)
    expect(p.nextScheduledRetry).toBe(next)
    expect(p.disabled).toBe(false)
    expect(p.disablesAt).toBe('2026-10-29T00:00:00.000Z')
    expect(p.sentence).toMatch(words)
  })

  test('after 28 days the job is disabled', () => {
    const p = backoffPosition(new Date(BEGAN), after(28 * 24 + 2))
    expect(p.disabled).toBe(true)
    expect(p.nextScheduledRetry).toBeUndefined()
    expect(p.sentence).toMatch(/disabled the job/)
  })
})

describe('readJobStatus', () => {
  test('a job quarantined for invalid credentials: reason in words, back-off, restart', async () => {
    const path = join(dir, 'job.json')
    const error = {
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
      message: 'Failed to validate the credentials. The endpoint answered 401 Unauthorized.',
      tenantActionable: true,
    }
    await writeFile(
      path,
      JSON.stringify(
        synchronizationJob({
          reason: 'EncounteredQuarantineException',
          seriesBegan: BEGAN,
          nextAttempt: '2026-10-01T12:00:00Z',
          seriesCount: 2,
          error,
        }),
      ),
    )
    const r = await readJobStatus(path, { now: after(8), servicePrincipalId: 'c4c46a42-966b-47d7-9774-576b1c8bd0b8' })
    expect(r.statusCode).toBe('Quarantine')
    expect(r.quarantined).toBe(true)
    expect(r.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', seriesCount: 2, error })
    expect(r.quarantine?.info?.meaning).toMatch(/invalid credentials/)
    expect(r.backoff).toMatchObject({ retriesSoFar: 1, nextScheduledRetry: '2026-10-01T12:00:00.000Z' })
    expect(r.restart.graph).toEqual({
      method: 'POST',
      path: '/servicePrincipals/c4c46a42-966b-47d7-9774-576b1c8bd0b8/synchronization/jobs/scim.7928d5b574424a97be2d66f9a9972ec1.f2764360-e0ec-5676-711e-cd6fc0d4dd61/restart',
      body: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } },
    })
    expect(r.restart.portal).toMatch(/Restart provisioning/)
    expect(r.summary[0]).toMatch(/^The job is quarantined: EncounteredQuarantineException/)
    expect(r.summary.join('\n')).toMatch(
      /Quarantine error: SystemForCrossDomainIdentityManagementCredentialValidationFailure/,
    )
  })

  test.each(QUARANTINE_REASONS)('reason %s is explained', (reason) => {
    const r = explainJobStatus(synchronizationJob({ reason, seriesBegan: BEGAN }), { now: after(30) })
    expect(r.quarantine?.info?.code).toBe(reason)
    expect(r.summary[0]).toContain(r.quarantine?.info?.meaning)
  })

  test('TooManyDeletes restarts with ForceDeletes only after review', () => {
    const r = explainJobStatus(synchronizationJob({ reason: 'TooManyDeletes', seriesBegan: BEGAN }), { now: after(1) })
    expect(r.restart.graph.body.criteria.resetScope).toBe('ForceDeletes')
    expect(r.restart.portal).toMatch(/allow them or reject them/)
  })

  test('an active job, and the list wrapper of GET …/jobs', () => {
    const active = explainJobStatus(synchronizationJob({ code: 'Active' }), { now: after(1) })
    expect(active).toMatchObject({ quarantined: false, statusCode: 'Active' })
    expect(active.backoff).toBeUndefined()
    const listed = explainJobStatus(
      {
        value: [synchronizationJob({ code: 'Active' }), synchronizationJob({ reason: 'Unknown', seriesBegan: BEGAN })],
      },
      { now: after(1) },
    )
    expect(listed.quarantine?.reason).toBe('Unknown')
  })
})
