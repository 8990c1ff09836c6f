// One provisioning-log entry (Microsoft Graph provisioningObjectSummary) reduced to what diagnosis needs.
// Also accepts the deprecated beta names (action, statusInfo) and CSV rows rebuilt into the same shape.

export type EventStatus = 'success' | 'failure' | 'skipped' | 'warning' | 'other'

export interface ProvisioningEvent {
  id?: string
  changeId?: string
  activityDateTime?: string
  action: string
  status: EventStatus
  errorCode?: string
  reason?: string
  additionalDetails?: string
  objectDisplayName?: string
  objectId?: string
  identityType?: string
  /** A failed manager or group-member update (see isReferenceFailure). */
  reference: boolean
}

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined

/** True when the value has the fields that make it a provisioningObjectSummary. */
export function looksLikeSummary(v: unknown): boolean {
  if (!isObj(v)) return false
  return 'provisioningStatusInfo' in v || 'statusInfo' in v || 'provisioningAction' in v || 'provisioningSteps' in v
}

const REFERENCE_ATTRIBUTES = new Set(['manager', 'members', 'member'])
// Identifiers appear in modifiedProperties of any update and say nothing about what changed.
const IDENTIFIER_PROPERTIES = new Set(['objectid', 'id', 'externalid'])

/** The attribute a property or path names: the part after the last ':' or '.', lower-cased ("urn:…:User:manager" → "manager"). */
function attributeName(path: string): string {
  const last = path.split(/[:.]/).pop() ?? path
  return last.replace(/\[.*$/, '').trim().toLowerCase()
}

// Graph's error text shows the endpoint's request or response; these spot a manager or members path in it.
const REFERENCE_TEXT =
  /("path"\s*:\s*"(?:[^"]*:)?(?:manager|members)\b)|(\b(?:manager|members)\b[^.]{0,80}\b(?:reference|could not be resolved|update)\b)|(\breference (?:attribute|resolution)\b)/i

/**
 * A failure counts as a reference failure (Microsoft's quarantine article leaves these out of the 40 % and 40,000 thresholds) when
 * (a) a provisioningStep of type referenceResolution did not succeed, or
 * (b) the event is not a create and every modified property, identifiers aside, is manager or members, or
 * (c) there are no modified properties to go by (CSV main file) and the error text names manager or members as the
 *     attribute being written (a PatchOp path, or "manager … reference/update").
 */
export function isReferenceFailure(summary: Obj, action: string, errorText: string): boolean {
  const steps = Array.isArray(summary.provisioningSteps) ? summary.provisioningSteps : []
  for (const step of steps) {
    if (!isObj(step)) continue
    const type = String(step.provisioningStepType ?? '').toLowerCase()
    const status = String(step.status ?? '').toLowerCase()
    if (type === 'referenceresolution' && status !== 'success' && status !== 'skipped') return true
  }
  const props = Array.isArray(summary.modifiedProperties) ? summary.modifiedProperties.filter(isObj) : []
  const named = props
    .map((p) => attributeName(String(p.displayName ?? '')))
    .filter((name) => name !== '' && !IDENTIFIER_PROPERTIES.has(name))
  if (named.length > 0) {
    return action !== 'create' && named.every((name) => REFERENCE_ATTRIBUTES.has(name))
  }
  return action !== 'create' && REFERENCE_TEXT.test(errorText)
}

function statusOf(v: unknown): EventStatus {
  const s = String(v ?? '').toLowerCase()
  if (s === 'success' || s === 'failure' || s === 'skipped' || s === 'warning') return s
  if (s === 'failed') return 'failure'
  if (s === 'succeeded') return 'success'
  return 'other'
}

/** Reduces one provisioningObjectSummary to a ProvisioningEvent. */
export function toEvent(summary: Obj): ProvisioningEvent {
  const info = isObj(summary.provisioningStatusInfo)
    ? summary.provisioningStatusInfo
    : isObj(summary.statusInfo)
      ? summary.statusInfo
      : {}
  const err = isObj(info.errorInformation) ? info.errorInformation : {}
  const source = isObj(summary.sourceIdentity) ? summary.sourceIdentity : {}
  const target = isObj(summary.targetIdentity) ? summary.targetIdentity : {}
  const action = (str(summary.provisioningAction) ?? str(summary.action) ?? 'other').toLowerCase()
  const status = statusOf(info.status)
  const reason = str(err.reason)
  const additionalDetails = str(err.additionalDetails)
  const errorCode = str(err.errorCode)
  const event: ProvisioningEvent = {
    id: str(summary.id),
    changeId: str(summary.changeId),
    activityDateTime: str(summary.activityDateTime),
    action,
    status,
    errorCode,
    reason,
    additionalDetails,
    objectDisplayName: str(source.displayName) ?? str(target.displayName),
    objectId: str(source.id) ?? str(target.id),
    identityType: str(source.identityType) ?? str(target.identityType),
    reference: false,
  }
  if (status === 'failure') {
    event.reference = isReferenceFailure(summary, action, `${reason ?? ''}\n${additionalDetails ?? ''}`)
  }
  return event
}

/** True for a modifiedProperties or provisioningSteps row (portal CSV side files) that shows a reference update. */
export function isReferenceSideRow(row: { propertyName?: string; stepType?: string; stepStatus?: string }): boolean {
  if (row.propertyName && REFERENCE_ATTRIBUTES.has(attributeName(row.propertyName))) return true
  const type = (row.stepType ?? '').toLowerCase()
  const status = (row.stepStatus ?? '').toLowerCase()
  return type === 'referenceresolution' && status !== 'success' && status !== 'skipped'
}
