import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readProvisioningLogs } from '../../helpers/diagnose/index.ts'
import { S6_CODES, SKIP_CODES, WILD_CODES } from './codes-under-test.ts'
import {
  csvLine,
  managerFailure,
  memberFailure,
  PORTAL_HEADER,
  portalCsvRow,
  summary,
  webResponseText,
} from './graph-shapes.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-csv-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const ALL_CODES = [...S6_CODES, ...WILD_CODES]

function entries(): Record<string, unknown>[] {
  let n = 0
  const out = ALL_CODES.map((code) =>
    summary({
      n: n++,
      status: SKIP_CODES.has(code) ? 'skipped' : 'failure',
      errorCode: code,
      // Commas, quotes and newlines inside the quoted field, as the endpoint's JSON body has them.
      reason: webResponseText('BadRequest', `{"detail":"rejected ${code}, see \\"docs\\"","status":"400"}`),
    }),
  )
  for (let i = 0; i < 3; i++) out.push(summary({ n: n++, status: 'success' }))
  return out
}

describe('readProvisioningLogs: portal CSV download', () => {
  test('the ProvisioningLogs file: every §5.1 code, quoted fields with commas and newlines', async () => {
    const path = join(dir, 'ProvisioningLogs.csv')
    const rows = entries()
    await writeFile(path, `\uFEFF${csvLine(PORTAL_HEADER)}${rows.map((s) => csvLine(portalCsvRow(s))).join('')}`)
    const agg = await readProvisioningLogs(path)
    expect(agg.sources[0]).toMatchObject({ format: 'portal-csv', entries: rows.length })
    expect(agg.successes).toBe(3)
    expect(agg.skipped).toBe(SKIP_CODES.size)
    expect(agg.failures).toBe(ALL_CODES.length - SKIP_CODES.size)
    for (const code of ALL_CODES.filter((c) => !SKIP_CODES.has(c))) {
      const g = agg.failureGroups.find((x) => x.code === code)
      expect(g?.example.text, code).toContain(`rejected ${code}, see \\"docs\\"","status":"400"}`)
      expect(g?.example.text).toContain('\nWeb Response:')
    }
  })

  test('side files mark reference failures by change id', async () => {
    const main = join(dir, 'ProvisioningLogs_main.csv')
    const steps = join(dir, 'ProvisioningLogs_ProvisioningSteps.csv')
    const props = join(dir, 'ProvisioningLogs_ModifiedProperties.csv')
    const mgr = managerFailure(1, 'SystemForCrossDomainIdentityManagementServiceIncompatible', 'shape')
    const mem = memberFailure(2, 'SystemForCrossDomainIdentityManagementBadRequest', 'member')
    const plain = summary({ n: 3, action: 'update', status: 'failure', errorCode: 'Timeout', reason: 'slow' })
    await writeFile(main, csvLine(PORTAL_HEADER) + [mgr, mem, plain].map((s) => csvLine(portalCsvRow(s))).join(''))
    const stepRows = [mgr, mem, plain].flatMap((s) =>
      (s.provisioningSteps as Record<string, unknown>[]).map((st) => [
        s.changeId,
        st.name,
        st.provisioningStepType,
        st.status,
        st.description,
      ]),
    )
    await writeFile(
      steps,
      csvLine(['Change ID', 'Name', 'Provisioning Step Type', 'Status', 'Description']) +
        stepRows.map(csvLine).join(''),
    )
    const propRows = [mgr, plain].flatMap((s) =>
      (s.modifiedProperties as Record<string, unknown>[]).map((p) => [
        s.changeId,
        p.displayName,
        p.oldValue,
        p.newValue,
      ]),
    )
    await writeFile(
      props,
      csvLine(['Change ID', 'Display Name', 'Old Value', 'New Value']) + propRows.map(csvLine).join(''),
    )

    const agg = await readProvisioningLogs([main, steps, props])
    expect(agg.sources.map((s) => s.format)).toEqual([
      'portal-csv',
      'portal-csv-steps',
      'portal-csv-modified-properties',
    ])
    expect(agg.failures).toBe(3)
    expect(agg.referenceFailures).toBe(2)
    expect(agg.failureGroups.find((g) => g.code === 'Timeout')?.referenceCount).toBe(0)
  })

  test('Graph property names as headers, and Azure Monitor columns with JSON cells, are accepted', async () => {
    const graphNames = join(dir, 'graph-names.csv')
    await writeFile(
      graphNames,
      csvLine([
        'id',
        'activityDateTime',
        'provisioningAction',
        'provisioningStatusInfo.status',
        'provisioningStatusInfo.errorInformation.errorCode',
        'provisioningStatusInfo.errorInformation.reason',
        'sourceIdentity.displayName',
      ]) +
        csvLine([
          '1',
          '2026-10-01T00:00:00Z',
          'create',
          'failure',
          'EntryConflict',
          'dup, again',
          'ada@contoso.example',
        ]),
    )
    const a = await readProvisioningLogs(graphNames)
    expect(a.failureGroups[0]).toMatchObject({
      code: 'EntryConflict',
      example: { objectDisplayName: 'ada@contoso.example', text: 'dup, again' },
    })

    const monitor = join(dir, 'aadprovisioninglogs.csv')
    const m = managerFailure(9, 'SystemForCrossDomainIdentityManagementServiceIncompatible', 'manager shape')
    await writeFile(
      monitor,
      csvLine([
        'TimeGenerated',
        'Id',
        'ProvisioningAction',
        'ResultType',
        'ResultSignature',
        'ResultDescription',
        'SourceIdentity',
        'ModifiedProperties',
      ]) +
        csvLine([
          m.activityDateTime,
          m.id,
          'update',
          'Failure',
          'SystemForCrossDomainIdentityManagementServiceIncompatible',
          'manager shape',
          JSON.stringify(m.sourceIdentity),
          JSON.stringify(m.modifiedProperties),
        ]),
    )
    const b = await readProvisioningLogs(monitor)
    expect(b).toMatchObject({ failures: 1, referenceFailures: 1 })
    expect(b.failureGroups[0]?.example.objectDisplayName).toBe('user9@contoso.example')
  })
})
