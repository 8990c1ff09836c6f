import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readProvisioningLogs, type FailureGroup } from '../../helpers/diagnose/index.ts'
import { S6_CODES, SKIP_CODES, WILD_CODES } from './codes-under-test.ts'
import {
  managerFailure,
  memberFailure,
  summary,
  webResponseText,
  writeGraphPage,
  writePortalJson,
  type Action,
} from './graph-shapes.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-logs-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const ALL_CODES = [...S6_CODES, ...WILD_CODES]

// The endpoint's own answer, as Graph quotes it, for each code; plain service text where no HTTP answer is involved.
function reasonFor(code: string, n: number): string {
  const scimError = (status: number, detail: string, scimType?: string): string =>
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      ...(scimType ? { scimType } : {}),
      detail,
    })
  switch (code) {
    case 'Conflict':
    case 'EntryConflict':
      return webResponseText(
        'Conflict',
        scimError(409, `userName user${n}@contoso.example, already exists`, 'uniqueness'),
      )
    case 'TooManyRequests':
      return webResponseText('TooManyRequests', scimError(429, 'Rate limit exceeded, slow down'))
    case 'InternalServerError':
      return webResponseText('InternalServerError', '<html><body>Upstream error, please retry</body></html>')
    case 'SystemForCrossDomainIdentityManagementBadRequest':
      return (
        'The SCIM endpoint is not fully compatible with the Azure Active Directory SCIM client. ' +
        webResponseText('BadRequest', scimError(400, 'Unsupported op "Replace", expected "replace"', 'invalidSyntax'))
      )
    case 'SystemForCrossDomainIdentityManagementServiceIncompatible':
      return webResponseText('NotFound', '<!DOCTYPE html><title>404, page not found</title>')
    default:
      return `Entra reported ${code} for user${n}@contoso.example.\nSee the endpoint's log, line ${n}, for details.`
  }
}

function allCodeSummaries(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  let n = 0
  for (const code of ALL_CODES) {
    const action: Action = code === 'InvalidAnchor' || code === 'DuplicateTargetEntries' ? 'update' : 'create'
    out.push(
      summary({
        n: n++,
        action,
        status: SKIP_CODES.has(code) ? 'skipped' : 'failure',
        errorCode: code,
        reason: reasonFor(code, n),
        additionalDetails: code === 'Timeout' ? 'The request timed out after 00:01:40' : undefined,
      }),
    )
  }
  for (let i = 0; i < 5; i++) out.push(summary({ n: n++, action: 'create', status: 'success' }))
  out.push(
    managerFailure(
      n++,
      'SystemForCrossDomainIdentityManagementServiceIncompatible',
      webResponseText('BadRequest', 'manager must be a complex object'),
    ),
  )
  out.push(
    memberFailure(
      n++,
      'SystemForCrossDomainIdentityManagementBadRequest',
      webResponseText('BadRequest', 'member not found'),
    ),
  )
  // A reference failure seen only in the error text: the PatchOp path Entra sent.
  out.push(
    summary({
      n,
      action: 'update',
      status: 'failure',
      errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
      reason: webResponseText(
        'BadRequest',
        '{"detail":"bad path","op":{"op":"Add","path":"members","value":[{"value":"x"}]}}',
      ),
      modified: [],
    }),
  )
  return out
}

const groupFor = (groups: FailureGroup[], code: string, action?: string): FailureGroup | undefined =>
  groups.find((g) => g.code === code && (action === undefined || g.action === action))

describe('readProvisioningLogs: Graph JSON', () => {
  test('every §5.1 code is counted, grouped and exampled', async () => {
    const path = join(dir, 'all-codes.json')
    await writeGraphPage(path, allCodeSummaries())
    const agg = await readProvisioningLogs(path)

    const failing = ALL_CODES.filter((c) => !SKIP_CODES.has(c))
    expect(agg.events).toBe(ALL_CODES.length + 5 + 3)
    expect(agg.successes).toBe(5)
    expect(agg.skipped).toBe(SKIP_CODES.size)
    expect(agg.failures).toBe(failing.length + 3)
    expect(agg.referenceFailures).toBe(3)
    expect(agg.nonReferenceFailures).toBe(failing.length)
    expect(agg.sources).toEqual([{ path, format: 'graph-json', entries: agg.events }])

    for (const code of failing) {
      const g = groupFor(
        agg.failureGroups,
        code,
        code === 'InvalidAnchor' || code === 'DuplicateTargetEntries' ? 'update' : 'create',
      )
      expect(g, code).toBeDefined()
      expect(g?.info?.code).toBe(code)
      expect(g?.example.errorCode).toBe(code)
      expect(g?.example.objectDisplayName).toMatch(/@contoso\.example$/)
      expect(g?.example.text).toContain(code === 'Timeout' ? 'timed out' : '')
    }
    for (const code of SKIP_CODES) expect(groupFor(agg.skippedGroups, code)?.count).toBe(1)

    const conflict = groupFor(agg.failureGroups, 'EntryConflict')
    expect(conflict?.example.text).toContain('"scimType":"uniqueness"')
    expect(conflict?.action).toBe('create')
    expect(agg.thresholds.evaluated).toBe(false)
  })

  test('reference failures: manager via modifiedProperties, members via the referenceResolution step or the PatchOp path', async () => {
    const path = join(dir, 'refs.json')
    await writeGraphPage(path, [
      managerFailure(1, 'SystemForCrossDomainIdentityManagementServiceIncompatible', 'manager must be an object'),
      memberFailure(2, 'SystemForCrossDomainIdentityManagementBadRequest', 'member not found'),
      summary({ n: 3, action: 'update', status: 'failure', errorCode: 'InternalServerError', reason: 'boom' }),
      summary({
        n: 4,
        action: 'create',
        status: 'failure',
        errorCode: 'InternalServerError',
        reason: '"path":"manager" ignored on create',
      }),
    ])
    const agg = await readProvisioningLogs(path)
    expect(agg.referenceFailures).toBe(2)
    expect(groupFor(agg.failureGroups, 'InternalServerError')?.referenceCount).toBe(0)
    expect(
      groupFor(agg.failureGroups, 'SystemForCrossDomainIdentityManagementServiceIncompatible')?.referenceCount,
    ).toBe(1)
  })

  test('several paged files are read as one log, and the last nextLink is reported', async () => {
    const entries = allCodeSummaries()
    const half = Math.floor(entries.length / 2)
    const p1 = join(dir, 'page-1.json')
    const p2 = join(dir, 'page-2.json')
    await writeGraphPage(
      p1,
      entries.slice(0, half),
      'https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=abc',
    )
    await writeGraphPage(
      p2,
      entries.slice(half),
      'https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=def',
    )
    const agg = await readProvisioningLogs([p1, p2])
    expect(agg.events).toBe(entries.length)
    expect(agg.sources.map((s) => s.entries)).toEqual([half, entries.length - half])
    expect(agg.sources[1]?.nextLink).toContain('skiptoken=def')
  })

  test("the portal's JSON download (a top-level array with a BOM) reads the same", async () => {
    const path = join(dir, 'portal.json')
    await writePortalJson(path, allCodeSummaries())
    const agg = await readProvisioningLogs(path)
    expect(agg.sources[0]?.format).toBe('portal-json')
    expect(agg.failures).toBe(ALL_CODES.length - SKIP_CODES.size + 3)
  })

  test('app-prefixed codes are grouped under the known code and keep their own spelling in the example', async () => {
    const path = join(dir, 'prefixed.json')
    await writeGraphPage(path, [
      summary({ n: 1, status: 'failure', errorCode: 'ContosoEntryConflict', reason: 'conflict' }),
      summary({ n: 2, status: 'failure', errorCode: 'EntryConflict', reason: 'conflict' }),
      summary({ n: 3, status: 'failure', errorCode: 'SomethingNew', reason: 'new' }),
    ])
    const agg = await readProvisioningLogs(path)
    expect(groupFor(agg.failureGroups, 'EntryConflict')).toMatchObject({
      count: 2,
      example: { errorCode: 'ContosoEntryConflict' },
    })
    expect(groupFor(agg.failureGroups, 'SomethingNew')?.info).toBeUndefined()
  })

  test('6,000 failures, 45 % non-reference: over the threshold, codes ranked by count', async () => {
    const path = join(dir, 'six-thousand.json')
    function* entries(): Generator<Record<string, unknown>> {
      let n = 0
      // 2,700 non-reference failures (45 %): 1,500 conflicts, 900 bad requests, 300 timeouts.
      for (let i = 0; i < 1_500; i++)
        yield summary({ n: n++, status: 'failure', errorCode: 'EntryConflict', reason: 'dup' })
      for (let i = 0; i < 900; i++)
        yield summary({
          n: n++,
          action: 'update',
          status: 'failure',
          errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
          reason: 'bad',
        })
      for (let i = 0; i < 300; i++)
        yield summary({ n: n++, action: 'update', status: 'failure', errorCode: 'Timeout', reason: 'slow' })
      // 3,300 reference failures.
      for (let i = 0; i < 2_000; i++)
        yield managerFailure(n++, 'SystemForCrossDomainIdentityManagementServiceIncompatible', 'manager')
      for (let i = 0; i < 1_300; i++)
        yield memberFailure(n++, 'SystemForCrossDomainIdentityManagementBadRequest', 'members')
    }
    await writeGraphPage(path, entries())
    const agg = await readProvisioningLogs(path)
    expect(agg.failures).toBe(6_000)
    expect(agg.nonReferenceFailures).toBe(2_700)
    expect(agg.thresholds).toMatchObject({ evaluated: true, wouldQuarantine: true, exceeded: ['proportion'] })
    expect(agg.failureGroups.map((g) => [g.code, g.action, g.count])).toEqual([
      ['SystemForCrossDomainIdentityManagementBadRequest', 'update', 2_200],
      ['SystemForCrossDomainIdentityManagementServiceIncompatible', 'update', 2_000],
      ['EntryConflict', 'create', 1_500],
      ['Timeout', 'update', 300],
    ])
    expect(agg.failureGroups[0]?.referenceCount).toBe(1_300)
  })

  test('deprecated beta names (action, statusInfo) are read too', async () => {
    const path = join(dir, 'beta.json')
    const s = summary({ n: 1, action: 'update', status: 'failure', errorCode: 'Timeout', reason: 'slow' })
    const { provisioningAction, provisioningStatusInfo, ...rest } = s
    await writeFile(
      path,
      JSON.stringify({ value: [{ ...rest, action: provisioningAction, statusInfo: provisioningStatusInfo }] }),
    )
    const agg = await readProvisioningLogs(path)
    expect(agg.failureGroups[0]).toMatchObject({ code: 'Timeout', action: 'update' })
  })
})
