// PatchOp bodies exactly as Entra sends them, in both dialects (Microsoft's 'Known issues with SCIM 2.0 protocol compliance' (aadOptscim062020)):
//   legacy           capitalised ops, one operation per attribute, booleans as "True"/"False", member removal with a value array
//   aadOptscim062020 lower-case ops, real booleans, filtered value paths as their own operation, every other attribute
//                    folded into one path-less replace with dotted or full-URN keys, member removal by `members[value eq "…"]`
import { ENTERPRISE_USER, PATCH_OP } from './profile.ts'
import type { Dialect } from '../model/dialect.ts'

export interface Operation {
  op: string
  path?: string
  value?: unknown
}

export interface PatchBody {
  schemas: [typeof PATCH_OP]
  Operations: Operation[]
}

/** One attribute change: a mapped attribute path (`name.familyName`, `emails[type eq "work"].value`, a URN path) and its value. */
export interface Change {
  path: string
  value: unknown
  /** Entra sends Add for an attribute that had no value before (Microsoft's SCIM compliance article (aadOptscim062020), (b)); Replace otherwise. */
  op?: 'add' | 'replace'
}

export const patchOp = (...operations: Operation[]): PatchBody => ({ schemas: [PATCH_OP], Operations: operations })

const legacyOp = (op: string): string => op.charAt(0).toUpperCase() + op.slice(1)
const opIn = (dialect: Dialect, op: string): string => (dialect === 'legacy' ? legacyOp(op) : op)

/** Legacy Entra turns booleans into the strings its Switch() mapping expression emits. */
const legacyValue = (value: unknown): unknown => (typeof value === 'boolean' ? (value ? 'True' : 'False') : value)

/** The PatchOp Entra sends to change these attributes of a user. */
export function userUpdate(dialect: Dialect, changes: readonly Change[]): PatchBody {
  if (dialect === 'legacy') {
    return patchOp(
      ...changes.map((c) => ({ op: legacyOp(c.op ?? 'replace'), path: c.path, value: legacyValue(c.value) })),
    )
  }
  const filtered = changes.filter((c) => c.path.includes('['))
  const rest = changes.filter((c) => !c.path.includes('['))
  const ops: Operation[] = filtered.map((c) => ({ op: c.op ?? 'replace', path: c.path, value: c.value }))
  if (rest.length > 0) ops.push({ op: 'replace', value: Object.fromEntries(rest.map((c) => [c.path, c.value])) })
  return patchOp(...ops)
}

/** Disable (active false) or re-enable, as the dialect sends it (Microsoft's SCIM compliance article (aadOptscim062020), (a)). */
export function setActive(dialect: Dialect, active: boolean): PatchBody {
  return patchOp({
    op: opIn(dialect, 'replace'),
    path: 'active',
    value: dialect === 'legacy' ? legacyValue(active) : active,
  })
}

export type ManagerForm = 'bare-id-on-urn-path' | 'value-object-on-urn-path' | 'ref-array-on-manager-path'

/** Sets the manager in one of the three shapes seen from Entra (captures: Captain-P-Goldfish/SCIM-SDK#686, apache/directory-scimple#1242, the SCIM Validator). */
export function setManager(
  dialect: Dialect,
  managerId: string,
  form: ManagerForm,
  op: 'add' | 'replace' = 'add',
  refBase?: string,
): PatchBody {
  const urnPath = `${ENTERPRISE_USER}:manager`
  switch (form) {
    case 'bare-id-on-urn-path':
      return patchOp({ op: opIn(dialect, op), path: urnPath, value: managerId })
    case 'value-object-on-urn-path':
      return patchOp({ op: opIn(dialect, op), path: urnPath, value: { value: managerId } })
    case 'ref-array-on-manager-path':
      return patchOp({
        op: opIn(dialect, op),
        path: 'manager',
        value: [{ $ref: refBase ? `${refBase}/Users/${managerId}` : null, value: managerId }],
      })
  }
}

export type ManagerClear = 'remove-without-value' | 'replace-with-empty-string'

/** Clears the manager: a remove with no value (the SCIM Validator) or a replace with "" (Microsoft's Logic App). */
export function clearManager(dialect: Dialect, form: ManagerClear): PatchBody {
  const path = `${ENTERPRISE_USER}:manager`
  return form === 'remove-without-value'
    ? patchOp({ op: opIn(dialect, 'remove'), path })
    : patchOp({ op: opIn(dialect, 'replace'), path, value: '' })
}

/** Adds members in one operation (Microsoft's SCIM tutorial, "Update Group [Add Members]"). */
export function addMembers(dialect: Dialect, ids: readonly string[]): PatchBody {
  return patchOp({ op: opIn(dialect, 'add'), path: 'members', value: ids.map((value) => ({ $ref: null, value })) })
}

/** Removes one member: legacy names it in a value array on `members`; the flag puts it in a filter (Microsoft's SCIM compliance article (aadOptscim062020), (d)). */
export function removeMember(dialect: Dialect, id: string): PatchBody {
  return dialect === 'legacy'
    ? patchOp({ op: 'Remove', path: 'members', value: [{ value: id }] })
    : patchOp({ op: 'remove', path: `members[value eq "${id}"]` })
}

/**
 * The value-array removal with a lower-case op, as Azure was captured sending it (apache/directory-scimple PR #447,
 * 2023): `{"op":"remove","path":"members","value":[{"value":"<id>"}]}`. Captured outside either documented dialect,
 * so it is sent as captured in every dialect.
 */
export function removeMemberCaptured(id: string): PatchBody {
  return patchOp({ op: 'remove', path: 'members', value: [{ value: id }] })
}

/** Changes non-member group attributes (displayName, externalId): path per attribute, or one path-less replace. */
export function groupUpdate(dialect: Dialect, changes: readonly Change[]): PatchBody {
  return userUpdate(dialect, changes)
}

/**
 * Several members removed in one PATCH, as Microsoft's gallery requirements recommend: legacy names them all in one
 * value array; the flag sends one `members[value eq "…"]` operation per member. No capture shows the running service
 * sending it: only Microsoft's validation does.
 */
export function removeMembers(dialect: Dialect, ids: readonly string[]): PatchBody {
  return dialect === 'legacy'
    ? patchOp({ op: 'Remove', path: 'members', value: ids.map((value) => ({ value })) })
    : patchOp(...ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })))
}

/**
 * The members `replace` Entra was captured sending with only the member just changed (grokability/snipe-it #19096,
 * 2026; Infisical PR #6525): `{"op":"replace","path":"members","value":[{"value":"<id>"}]}`, sent as captured.
 */
export function replaceMembersCaptured(ids: readonly string[]): PatchBody {
  return patchOp({ op: 'replace', path: 'members', value: ids.map((value) => ({ value })) })
}
