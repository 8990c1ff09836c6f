// `diagnose` on files alone, as an on-call engineer has them: the Graph job status and provisioning-log pages.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  managerFailure,
  memberFailure,
  summary,
  synchronizationJob,
  webResponseText,
  writeGraphPage,
} from '../diagnose/graph-shapes.ts'
import { runDiagnose } from './run-diagnose.ts'

let dir: string
let logs: string
let job: string

// 6,000 failures and nothing else: 2,700 non-reference (45 %) and 3,300 manager or group-member updates.
function* quarantinedCycle(): Generator<Record<string, unknown>> {
  let n = 0
  const conflict = webResponseText(
    'Conflict',
    '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness"}',
  )
  for (let i = 0; i < 1500; i++)
    yield summary({ n: n++, action: 'create', status: 'failure', errorCode: 'EntryConflict', reason: conflict })
  for (let i = 0; i < 800; i++)
    yield summary({
      n: n++,
      action: 'update',
      status: 'failure',
      errorCode: 'InternalServerError',
      reason: webResponseText('InternalServerError', 'upstream failed'),
    })
  for (let i = 0; i < 400; i++)
    yield summary({
      n: n++,
      action: 'create',
      status: 'failure',
      errorCode: 'Timeout',
      reason: 'The request timed out',
    })
  for (let i = 0; i < 2000; i++)
    yield managerFailure(
      n++,
      'SystemForCrossDomainIdentityManagementServiceIncompatible',
      webResponseText('BadRequest', 'manager must be an object'),
    )
  for (let i = 0; i < 1300; i++)
    yield memberFailure(
      n++,
      'SystemForCrossDomainIdentityManagementBadRequest',
      webResponseText('BadRequest', 'member not found'),
    )
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-files-'))
  logs = join(dir, 'provisioning.json')
  await writeGraphPage(logs, quarantinedCycle())
  job = join(dir, 'job.json')
  await writeFile(
    job,
    JSON.stringify(
      synchronizationJob({ reason: 'EncounteredEscrowProportionThreshold', seriesBegan: '2026-10-01T00:05:00Z' }),
    ),
  )
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a quarantined job, from its files', () => {
  test('6,000 failures, 45 % non-reference: over the threshold, error codes ranked, job explained', async () => {
    const run = await runDiagnose(['--logs', logs, '--job-status', job, '--now', '2026-10-02T09:00:00Z'])
    expect(run.code).toBe(1)
    const d = run.report.diagnosis!
    expect(d.logs).toMatchObject({ failures: 6000, referenceFailures: 3300, nonReferenceFailures: 2700 })
    expect(d.logs?.thresholds).toMatchObject({
      evaluated: true,
      wouldQuarantine: true,
      exceeded: ['proportion'],
      nonReferenceShare: 0.45,
    })
    expect(d.logs?.failureGroups.map((g) => [g.code, g.count])).toEqual([
      ['SystemForCrossDomainIdentityManagementServiceIncompatible', 2000],
      ['EntryConflict', 1500],
      ['SystemForCrossDomainIdentityManagementBadRequest', 1300],
      ['InternalServerError', 800],
      ['Timeout', 400],
    ])
    // Reference failures count half: Microsoft's quarantine article leaves them out of the 40 % threshold the job was quarantined for.
    expect(d.causes.map((c) => c.code).slice(0, 3)).toEqual(['EntryConflict', 'InternalServerError', 'Timeout'])
    expect(d.causes[0]?.observations.join(' ')).toContain('Over the quarantine threshold')
    expect(d.causes[0]?.reproduce?.command).toBe("npx scim-preflight --only 'get-user-by-query/finds-exactly-one'")
    expect(d.job).toMatchObject({ quarantined: true, reason: 'EncounteredEscrowProportionThreshold' })
    expect(d.job?.summary.join(' ')).toMatch(/Quarantined for 32\.9 h; 3 scheduled retries have passed/)
    expect(run.report.checks).toEqual([])
    expect(run.report.run.target).toBe('(none: files only)')
    expect(run.stdout).toMatch(/^Likely cause: /m)
    expect(run.stdout).toContain(
      'Over the quarantine threshold: non-reference failures are 45.0 % of events, over 40 %',
    )
    expect(run.stdout).toContain('No target given: the endpoint was not probed')
  })

  test('the report validates against report.schema.json', async () => {
    const run = await runDiagnose(['--logs', logs, '--job-status', job])
    const schema = JSON.parse(readFileSync(new URL('../../helpers/report/report.schema.json', import.meta.url), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    expect(validate(run.report), JSON.stringify(validate.errors)).toBe(true)
  })

  test('paged files add up', async () => {
    const page1 = join(dir, 'page1.json')
    const page2 = join(dir, 'page2.json')
    await writeGraphPage(
      page1,
      [0, 1, 2].map((n) => summary({ n, status: 'failure', errorCode: 'EntryConflict' })),
      'https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=x',
    )
    await writeGraphPage(
      page2,
      [3, 4].map((n) => summary({ n, status: 'success' })),
    )
    const run = await runDiagnose(['--logs', page1, '--logs', page2])
    expect(run.report.diagnosis?.logs).toMatchObject({ events: 5, failures: 3, successes: 2 })
    expect(run.report.diagnosis?.logs?.thresholds.evaluated).toBe(false)
    expect(run.report.diagnosis?.causes[0]?.code).toBe('EntryConflict')
  })

  test('a job that is running fine and logs with no failure: nothing to name, exit 0', async () => {
    const healthy = join(dir, 'healthy.json')
    await writeFile(healthy, JSON.stringify(synchronizationJob({ code: 'Active' })))
    const ok = join(dir, 'ok.json')
    await writeGraphPage(
      ok,
      [0, 1].map((n) => summary({ n, status: 'success' })),
    )
    const run = await runDiagnose(['--job-status', healthy, '--logs', ok])
    expect(run.report.diagnosis?.causes).toEqual([])
    expect(run.report.verdict.headline).toBe('No likely cause found: the provisioning logs show no failure')
    expect(run.code).toBe(0)
  })

  test('without logs, "no likely cause" is never said: write failures are invisible, and the report says how to see them', async () => {
    const healthy = join(dir, 'healthy-only.json')
    await writeFile(healthy, JSON.stringify(synchronizationJob({ code: 'Active' })))
    const run = await runDiagnose(['--job-status', healthy])
    expect(run.report.diagnosis?.causes).toEqual([])
    expect(run.report.verdict.kind).toBe('incomplete')
    expect(run.report.verdict.headline).not.toMatch(/No likely cause found/)
    expect(run.report.verdict.scope.limits.join(' ')).toMatch(/invisible to read-only probes.*--logs.*staging copy/)
    // Inconclusive has its own exit code: 0 is kept for "something was looked at and showed nothing".
    expect(run.report.verdict.headline).toMatch(/^Inconclusive: /)
    expect(run.code).toBe(3)
  })
})
