// PATCH as Entra sends it, in both dialects (Microsoft's 'Known issues with SCIM 2.0 protocol compliance' (aadOptscim062020)). scim-patch applies RFC 7644 §3.5.2; this
// wrapper first turns Entra's quirks into what the RFC means: capitalised ops, "True"/"False" strings,
// manager in three shapes, "" and null as "clear", and the legacy member removal that names its values.
import { scimPatch, ScimError, type ScimPatchOperation } from 'scim-patch'
import { schemas } from './discovery.ts'
import { fail } from './http.ts'
import type { PatchOperation, Policy } from './policy.ts'

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

type Resource = Record<string, unknown>

/** Reads the PatchOp body; a malformed one is a 400 invalidSyntax (RFC 7644 §3.5.2). */
export function readPatchBody(body: unknown, policy: Policy): PatchOperation[] {
  const b = body as { schemas?: unknown; Operations?: unknown; operations?: unknown }
  if (!b || typeof b !== 'object' || !Array.isArray(b.schemas) || !b.schemas.includes(PATCH_OP_URN)) {
    fail(400, `A PATCH body must list the schema ${PATCH_OP_URN}`, 'invalidSyntax')
  }
  const ops = b.Operations ?? b.operations
  if (!Array.isArray(ops) || ops.length === 0)
    fail(400, 'A PATCH body needs a non-empty Operations array', 'invalidSyntax')
  return ops.map((raw, i) => {
    const o = raw as { op?: unknown; path?: unknown; value?: unknown }
    const sent = typeof o.op === 'string' ? o.op : ''
    const op = (['add', 'replace', 'remove'] as const).find((name) => policy.opMatches(sent, name))
    if (!op) fail(400, `Operations[${i}].op "${sent}" is not add, replace or remove`, 'invalidSyntax')
    if (o.path !== undefined && typeof o.path !== 'string')
      fail(400, `Operations[${i}].path must be a string`, 'invalidPath')
    return { op, ...(o.path ? { path: o.path } : {}), ...('value' in o ? { value: o.value } : {}) }
  })
}

const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === '' ||
  (typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    'value' in v &&
    ((v as { value: unknown }).value === '' || (v as { value: unknown }).value === null))
const isManagerPath = (path: string): boolean =>
  /^(urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:)?manager$/i.test(path)
const isActivePath = (path: string): boolean => /^(urn:ietf:params:scim:schemas:core:2\.0:User:)?active$/i.test(path)

/** Entra sends the manager as a bare id, {"value": id} or [{"$ref", "value"}]; the resource keeps {"value": id}. */
function managerValue(value: unknown): { value: string } {
  const v = Array.isArray(value) ? value[0] : value
  const id = typeof v === 'string' ? v : (v as { value?: unknown } | undefined)?.value
  if (typeof id !== 'string' || id === '')
    fail(400, 'manager must be a user id, {"value": id} or [{"value": id}]', 'invalidValue')
  return { value: id }
}

/** Entra's AppRoleAssignmentsComplex sends each role as a JSON object serialised into "value" (Microsoft: Customize attribute mappings). */
function roleOf(element: unknown): unknown {
  const v = (element as { value?: unknown } | undefined)?.value
  if (typeof v !== 'string' || !v.trim().startsWith('{')) return element
  try {
    const inner = JSON.parse(v) as { value?: unknown; displayName?: unknown; display?: unknown }
    return typeof inner.value === 'string'
      ? {
          value: inner.value,
          ...(typeof (inner.displayName ?? inner.display) === 'string'
            ? { display: inner.displayName ?? inner.display }
            : {}),
        }
      : element
  } catch {
    return element
  }
}

function booleanOf(value: unknown, policy: Policy): boolean {
  const b = policy.parseBoolean(value)
  if (b === undefined)
    fail(400, `active must be a boolean (or "True"/"False"), got ${JSON.stringify(value)}`, 'invalidValue')
  return b
}

/**
 * Splits a path-less value object into one operation per attribute, so dotted and URN keys reach their attribute.
 * A complex value ({"name": {...}}) becomes one operation per sub-attribute: RFC 7644 §3.5.2.3 leaves the
 * sub-attributes it does not name unchanged.
 */
function expandPathless(op: PatchOperation): PatchOperation[] {
  if (op.path || op.op === 'remove' || !op.value || typeof op.value !== 'object' || Array.isArray(op.value)) return [op]
  const out: PatchOperation[] = []
  const isComplex = (v: unknown): v is Resource => !!v && typeof v === 'object' && !Array.isArray(v)
  for (const [key, value] of Object.entries(op.value as Resource)) {
    if (key.toLowerCase() === 'schemas') continue
    if (key.toLowerCase() === ENTERPRISE.toLowerCase() && isComplex(value)) {
      for (const [sub, v] of Object.entries(value)) out.push({ op: op.op, path: `${ENTERPRISE}:${sub}`, value: v })
    } else if (!key.includes(':') && !key.includes('.') && isComplex(value) && !/^manager$/i.test(key)) {
      for (const [sub, v] of Object.entries(value)) out.push({ op: op.op, path: `${key}.${sub}`, value: v })
    } else {
      out.push({ op: op.op, path: key, value })
    }
  }
  return out
}

/** Attribute names as the server's /Schemas spells them, by lower-case name: top level and sub-attributes. */
const NAMES: Map<string, string> = (() => {
  const names = new Map<string, string>()
  for (const schema of schemas('')) {
    for (const a of schema.attributes as { name: string; subAttributes?: { name: string }[] }[]) {
      names.set(a.name.toLowerCase(), a.name)
      for (const sub of a.subAttributes ?? []) names.set(`${a.name}.${sub.name}`.toLowerCase(), `${a.name}.${sub.name}`)
    }
  }
  return names
})()

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1): `Name.FamilyName` means `name.familyName`. */
function canonicalPath(path: string): string {
  const m =
    /^(urn:ietf:params:scim:schemas:[^[]*:(?:User|Group):)?([A-Za-z$][\w$]*)(\[[^\]]*\])?(?:\.([A-Za-z$][\w$]*))?$/i.exec(
      path,
    )
  if (!m) return path
  const [, urn, attr, filter, sub] = m as unknown as [
    string,
    string | undefined,
    string,
    string | undefined,
    string | undefined,
  ]
  const prefix = urn === undefined ? '' : urn.toLowerCase() === `${ENTERPRISE}:`.toLowerCase() ? `${ENTERPRISE}:` : urn
  const top = NAMES.get(attr.toLowerCase()) ?? attr
  const full = sub === undefined ? top : (NAMES.get(`${top}.${sub}`.toLowerCase()) ?? `${top}.${sub}`)
  return `${prefix}${full.split('.')[0]}${filter ?? ''}${sub === undefined ? '' : `.${full.split('.')[1]}`}`
}

/** `roles[primary eq "True"]`, as Microsoft's mapping and SCIM Validator spell it, compares the boolean `primary` (RFC 7643
 * §2.4): the string becomes the boolean literal, so the element that is primary is the one changed. */
const booleanFilter = (path: string): string =>
  path.replace(/\[\s*primary\s+eq\s+"(true|false)"\s*\]/i, (_, b: string) => `[primary eq ${b.toLowerCase()}]`)

/** Applies Entra-shaped operations to a user; returns the new resource (the input is not changed). */
export function patchUser(user: Resource, ops: PatchOperation[], policy: Policy): Resource {
  const normalised: ScimPatchOperation[] = []
  for (const op of policy.preparePatch(ops, user).flatMap(expandPathless)) {
    const path = op.path === undefined ? undefined : canonicalPath(booleanFilter(op.path))
    if (path && (op.op === 'remove' || policy.clearsAttribute(op.value))) {
      normalised.push({ op: 'remove', path: isManagerPath(path) ? `${ENTERPRISE}:manager` : path })
      continue
    }
    if (path && isManagerPath(path)) {
      normalised.push({
        op: 'replace',
        path: `${ENTERPRISE}:manager`,
        value: managerValue(op.value),
      } as ScimPatchOperation)
    } else if (path && /^roles$/i.test(path) && Array.isArray(op.value)) {
      normalised.push({ op: op.op, path: 'roles', value: op.value.map(roleOf) } as ScimPatchOperation)
    } else if (path && isActivePath(path)) {
      normalised.push({ op: op.op, path: 'active', value: booleanOf(op.value, policy) } as ScimPatchOperation)
    } else {
      normalised.push({ op: op.op, ...(path ? { path } : {}), value: op.value } as ScimPatchOperation)
    }
  }
  return applyWithLibrary(user, normalised)
}

/** Applies operations to a group; member operations are handled by value so only the named members change. */
export function patchGroup(
  group: Resource,
  ops: PatchOperation[],
  knownMember: (id: string) => boolean,
  policy: Policy,
): Resource {
  let next: Resource = structuredClone(group)
  const rest: ScimPatchOperation[] = []
  const flush = (): void => {
    if (rest.length) next = applyWithLibrary(next, rest.splice(0))
  }
  for (const op of ops.flatMap(expandPathless)) {
    const filtered = op.path ? /^members\[value eq "([^"]*)"\]$/i.exec(op.path) : null
    const onMembers = op.path !== undefined && /^members$/i.test(op.path)
    if (!filtered && !onMembers) {
      if (op.path && (op.op === 'remove' || isEmpty(op.value))) rest.push({ op: 'remove', path: op.path })
      else rest.push(op as ScimPatchOperation)
      continue
    }
    flush()
    const members = ((next.members as { value: string }[] | undefined) ?? []).slice()
    const named = filtered ? [filtered[1]!] : memberIds(op.value)
    const present = (id: string): boolean => members.some((m) => m.value === id)
    if (op.op === 'remove') {
      for (const id of named) if (!present(id)) policy.unchangedMember('remove-absent', id)
      // RFC 7644 §3.5.2.2: remove on "members" with no value and no filter removes all members.
      next.members = filtered || op.value !== undefined ? members.filter((m) => !named.includes(m.value)) : []
      continue
    }
    for (const id of named) if (!knownMember(id)) fail(400, `members: no user or group has id "${id}"`, 'invalidValue')
    if (op.op === 'add') for (const id of named) if (present(id)) policy.unchangedMember('add-existing', id)
    const base = op.op === 'replace' ? [] : members
    next.members = [...base, ...named.filter((id) => !base.some((m) => m.value === id)).map((value) => ({ value }))]
  }
  flush()
  return next
}

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list
    .map((m) => (typeof m === 'string' ? m : (m as { value?: unknown })?.value))
    .filter((v): v is string => typeof v === 'string')
}

function applyWithLibrary(resource: Resource, ops: ScimPatchOperation[]): Resource {
  try {
    return scimPatch(structuredClone(resource) as never, ops, {
      mutateDocument: true,
      treatMissingAsAdd: true,
    }) as unknown as Resource
  } catch (err) {
    if (err instanceof ScimError) {
      const e = err as ScimError & { scimType?: string; message: string }
      fail(400, e.message, (e.scimType as 'invalidSyntax' | 'noTarget' | 'invalidPath') ?? 'invalidSyntax')
    }
    throw err
  }
}
