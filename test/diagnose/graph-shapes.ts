// Builders for provisioning-log and job files shaped like Graph's documented resources (provisioningObjectSummary,
// provisioningStep, provisioningStatusInfo/provisioningErrorInfo, modifiedProperty, synchronizationJob of Microsoft Graph).
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { once } from 'node:events'

export type Action = 'create' | 'update' | 'delete' | 'disable' | 'other'
export type Status = 'success' | 'failure' | 'skipped'

export interface SummaryOptions {
  n: number
  action?: Action
  status?: Status
  errorCode?: string
  reason?: string
  additionalDetails?: string
  identityType?: 'User' | 'Group'
  modified?: { displayName: string; oldValue?: string | null; newValue?: string | null }[]
  /** Adds a referenceResolution step with this status. */
  referenceStep?: 'success' | 'failure'
}

const guid = (n: number, salt = 0): string => {
  const hex = (n * 2654435761 + salt).toString(16).padStart(12, '0').slice(-12)
  return `5e6c9eae-ab4d-4239-8ad0-${hex}`
}

const STEP_SUFFIX: Record<Action, string> = {
  create: 'Add',
  update: 'Update',
  delete: 'Delete',
  disable: 'Update',
  other: 'Update',
}

/** The error text Graph shows: the endpoint's status and its own response body (scimmyjs/scimmy#86, 1Password/scim-examples#82). */
export function webResponseText(status: string, body: string, retried = 0): string {
  return (
    `StatusCode: ${status}\nMessage: Processing of the HTTP request resulted in an exception. ` +
    `Please see the HTTP response returned by the 'Response' property of this exception for details.\n` +
    `Web Response: ${body}. This operation was retried ${retried} times. It will be retried again after this date: 2026-10-30T15:13:17Z UTC`
  )
}

/** One provisioningObjectSummary as GET /auditLogs/provisioning returns it. */
export function summary(o: SummaryOptions): Record<string, unknown> {
  const action = o.action ?? 'create'
  const status = o.status ?? 'success'
  const type = o.identityType ?? 'User'
  const name = type === 'User' ? `user${o.n}@contoso.example` : `Group ${o.n}`
  const suffix = STEP_SUFFIX[action]
  const steps: Record<string, unknown>[] = [
    {
      name: `EntryImport${suffix}`,
      provisioningStepType: 'import',
      status: 'success',
      description: `Received ${type} '${name}' change of type (${suffix}) from Azure Active Directory`,
      details: {},
    },
    {
      name: status === 'skipped' ? 'EntrySynchronizationSkipped' : `EntrySynchronization${suffix}`,
      provisioningStepType: 'matching',
      status: status === 'skipped' ? 'skipped' : 'success',
      description: `${type} '${name}' will be processed in Contoso SCIM`,
      details: {},
    },
  ]
  if (o.referenceStep) {
    steps.push({
      name: 'EntryReferenceResolution',
      provisioningStepType: 'referenceResolution',
      status: o.referenceStep,
      description: `Resolve references of ${type} '${name}'`,
      details: {},
    })
  }
  if (status !== 'skipped') {
    steps.push({
      name: `EntryExport${suffix}`,
      provisioningStepType: 'export',
      status,
      description:
        status === 'success'
          ? `${type} '${name}' was exported to Contoso SCIM`
          : `Failed to export ${type} '${name}' to Contoso SCIM`,
      details: { ReportableIdentifier: name },
    })
  }
  const modified =
    o.modified ??
    (action === 'create'
      ? [
          { displayName: 'objectId', oldValue: null, newValue: guid(o.n) },
          { displayName: 'userName', oldValue: null, newValue: name },
          { displayName: 'active', oldValue: null, newValue: 'True' },
        ]
      : [{ displayName: 'displayName', oldValue: `Old ${o.n}`, newValue: `New ${o.n}` }])
  return {
    id: `Sync_${guid(o.n, 7)}_${o.n}`,
    activityDateTime: new Date(Date.UTC(2026, 9, 1, 0, 0, o.n % 86_400)).toISOString(),
    tenantId: '7928d5b5-7442-4a97-be2d-66f9a9972ec1',
    jobId: 'scim.7928d5b574424a97be2d66f9a9972ec1.f2764360-e0ec-5676-711e-cd6fc0d4dd61',
    cycleId: '44576a58-b14b-40f0-8404-3d22ff46ed93',
    changeId: guid(o.n, 3),
    provisioningAction: action,
    durationInMilliseconds: 180 + (o.n % 400),
    sourceSystem: { id: '0404601d-a9c0-4ec7-bbcd-02660120d8c9', displayName: 'Azure Active Directory', details: {} },
    targetSystem: { id: 'cd22f60b-5f2d-4adb-adb4-76ef31db996b', displayName: 'Contoso SCIM', details: {} },
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: 'c4c46a42-966b-47d7-9774-576b1c8bd0b8', displayName: 'Contoso SCIM' },
    sourceIdentity: { id: guid(o.n), displayName: name, identityType: type, details: {} },
    targetIdentity: { id: status === 'success' ? guid(o.n, 11) : '', displayName: '', identityType: type, details: {} },
    provisioningStatusInfo: {
      status,
      errorInformation:
        status === 'success'
          ? null
          : {
              errorCode: o.errorCode ?? null,
              reason: o.reason ?? null,
              additionalDetails: o.additionalDetails ?? null,
              errorCategory: status === 'failure' ? 'nonServiceFailure' : 'success',
              recommendedAction: null,
            },
    },
    provisioningSteps: steps,
    modifiedProperties: modified,
  }
}

/** A failed manager update, detectable from modifiedProperties. */
export const managerFailure = (n: number, errorCode: string, reason: string): Record<string, unknown> =>
  summary({
    n,
    action: 'update',
    status: 'failure',
    errorCode,
    reason,
    modified: [
      { displayName: 'objectId', oldValue: null, newValue: guid(n) },
      {
        displayName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
        oldValue: null,
        newValue: guid(n + 1),
      },
    ],
  })

/** A failed group-member update, detectable from its referenceResolution step. */
export const memberFailure = (n: number, errorCode: string, reason: string): Record<string, unknown> =>
  summary({
    n,
    action: 'update',
    status: 'failure',
    identityType: 'Group',
    errorCode,
    reason,
    referenceStep: 'failure',
    modified: [],
  })

/** Writes a Graph page: {"@odata.context", "value": […], "@odata.nextLink"?}, streaming entries from an iterable. */
export async function writeGraphPage(
  path: string,
  entries: Iterable<Record<string, unknown>>,
  nextLink?: string,
): Promise<void> {
  const out = createWriteStream(path)
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain')
  }
  await write('{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning",')
  if (nextLink) await write(`"@odata.nextLink":${JSON.stringify(nextLink)},`)
  await write('"value":[')
  let first = true
  for (const e of entries) {
    await write((first ? '' : ',') + JSON.stringify(e))
    first = false
  }
  await write(']}')
  out.end()
  await once(out, 'finish')
}

/** Writes the portal's JSON download: a top-level array, pretty-printed as a text editor would save it. */
export async function writePortalJson(path: string, entries: Record<string, unknown>[]): Promise<void> {
  await writeFile(path, `\uFEFF${JSON.stringify(entries, null, 2)}`)
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`

/** Portal-style column labels for the ProvisioningLogs CSV (the exact portal headers are undocumented). */
export const PORTAL_HEADER = [
  'Date',
  'Id',
  'Change ID',
  'Provisioning Action',
  'Status',
  'Source Identity Display Name',
  'Source Identity ID',
  'Source Identity Type',
  'Error Code',
  'Status Reason',
  'Additional Details',
]

/** One ProvisioningLogs CSV row from a summary, in PORTAL_HEADER order. */
export function portalCsvRow(s: Record<string, unknown>): unknown[] {
  const info = s.provisioningStatusInfo as { status: string; errorInformation: Record<string, unknown> | null }
  const src = s.sourceIdentity as Record<string, unknown>
  const status = info.status.charAt(0).toUpperCase() + info.status.slice(1)
  return [
    s.activityDateTime,
    s.id,
    s.changeId,
    s.provisioningAction,
    status,
    src.displayName,
    src.id,
    src.identityType,
    info.errorInformation?.errorCode,
    info.errorInformation?.reason,
    info.errorInformation?.additionalDetails,
  ]
}

/** A synchronizationJob as GET /servicePrincipals/{id}/synchronization/jobs/{jobId} returns it. */
export function synchronizationJob(o: {
  code?: 'Active' | 'Paused' | 'Quarantine' | 'NotRun'
  reason?: string
  seriesBegan?: string
  currentBegan?: string
  nextAttempt?: string
  seriesCount?: number
  error?: { code: string; message: string; tenantActionable: boolean }
}): Record<string, unknown> {
  const quarantined = o.code === undefined || o.code === 'Quarantine'
  return {
    id: 'scim.7928d5b574424a97be2d66f9a9972ec1.f2764360-e0ec-5676-711e-cd6fc0d4dd61',
    templateId: 'scim',
    schedule: { expiration: null, interval: 'PT40M', state: 'Active' },
    status: {
      code: o.code ?? 'Quarantine',
      countSuccessiveCompleteFailures: quarantined ? 3 : 0,
      escrowsPruned: false,
      lastExecution: {
        activityIdentifier: '44576a58-b14b-40f0-8404-3d22ff46ed93',
        countEntitled: 0,
        countEntitledForProvisioning: 0,
        countEscrowed: 6000,
        countEscrowedRaw: 6000,
        countExported: 0,
        countExports: 0,
        countImported: 0,
        countImportedDeltas: 0,
        countImportedReferenceDeltas: 0,
        error: quarantined ? (o.error ?? null) : null,
        state: quarantined ? 'Failed' : 'Succeeded',
        timeBegan: '2026-10-01T00:00:00Z',
        timeEnded: '2026-10-01T00:05:00Z',
      },
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      progress: [],
      quarantine: quarantined
        ? {
            currentBegan: o.currentBegan ?? o.seriesBegan ?? '2026-10-01T00:05:00Z',
            nextAttempt: o.nextAttempt ?? '2026-10-01T06:05:00Z',
            reason: o.reason ?? 'EncounteredQuarantineException',
            seriesBegan: o.seriesBegan ?? '2026-10-01T00:05:00Z',
            seriesCount: o.seriesCount ?? 1,
            error: o.error ?? null,
          }
        : null,
      steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
      steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
      synchronizedEntryCountByType: [],
      troubleshootingUrl: null,
    },
    synchronizationJobSettings: [],
  }
}
