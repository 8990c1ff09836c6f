// Attribute-mapping profiles: which SCIM attributes Entra writes for an app and which one it matches on.
// POST bodies carry exactly the profile's attributes, shaped as Entra shapes them (Microsoft's SCIM tutorial, "Create User"; Microsoft's 'Customize attribute mappings').
import type { PersonData } from './test-data.ts'

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

/** The attributes Entra can match users on (Microsoft's SCIM tutorial documents these three as matching filters). */
export const MATCHING_ATTRIBUTES = ['userName', 'externalId', 'emails[type eq "work"].value'] as const

export interface Profile {
  name: string
  description: string
  /** The attribute Entra queries before creating (Test Connection uses it too). */
  matchingAttribute: string
  /** SCIM target attributes, as written in Entra's mapping table (e.g. `emails[type eq "work"].value`). */
  attributes: string[]
}

/** The value this run sends for a mapped attribute; undefined for reference attributes written later (manager). */
export function valueFor(path: string, p: PersonData): unknown {
  const key = path.replace(`${ENTERPRISE_USER}:`, 'enterprise:')
  const values: Record<string, unknown> = {
    userName: p.userName,
    active: true,
    displayName: p.displayName,
    title: p.title,
    externalId: p.externalId,
    preferredLanguage: p.preferredLanguage,
    'name.givenName': p.givenName,
    'name.familyName': p.familyName,
    'name.formatted': `${p.givenName} ${p.familyName}`,
    'emails[type eq "work"].value': p.email,
    'phoneNumbers[type eq "work"].value': p.workPhone,
    'phoneNumbers[type eq "mobile"].value': p.mobile,
    'addresses[type eq "work"].streetAddress': p.street,
    'addresses[type eq "work"].locality': p.locality,
    'addresses[type eq "work"].region': p.region,
    'addresses[type eq "work"].postalCode': p.postalCode,
    'addresses[type eq "work"].country': p.country,
    'enterprise:employeeNumber': p.employeeNumber,
    'enterprise:department': p.department,
    roles: [],
  }
  return values[key]
}

const VALUE_PATH = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/

/** Sets one mapped attribute into a resource body the way Entra's POST carries it. */
export function setAttribute(body: Record<string, unknown>, path: string, value: unknown): void {
  if (path.startsWith(`${ENTERPRISE_USER}:`)) {
    const ext = (body[ENTERPRISE_USER] ??= {}) as Record<string, unknown>
    ext[path.slice(ENTERPRISE_USER.length + 1)] = value
    return
  }
  const vp = VALUE_PATH.exec(path)
  if (vp) {
    const [, attr, type, sub] = vp as unknown as [string, string, string, string]
    const list = (body[attr] ??= []) as Record<string, unknown>[]
    let item = list.find((e) => e.type === type)
    if (!item) {
      // Entra marks the work email primary (Microsoft's SCIM tutorial, "Create User" example).
      item = attr === 'emails' && type === 'work' ? { primary: true, type } : { type }
      list.push(item)
    }
    item[sub] = value
    return
  }
  const dot = path.indexOf('.')
  if (dot > 0) {
    const parent = (body[path.slice(0, dot)] ??= {}) as Record<string, unknown>
    parent[path.slice(dot + 1)] = value
    return
  }
  body[path] = value
}

/** Reads a mapped attribute back from a resource (to compare what came back with what was sent). */
export function getAttribute(resource: unknown, path: string): unknown {
  if (!resource || typeof resource !== 'object') return undefined
  const r = resource as Record<string, unknown>
  if (path.startsWith(`${ENTERPRISE_USER}:`)) {
    const ext = findKey(r, ENTERPRISE_USER) as Record<string, unknown> | undefined
    return ext ? findKey(ext, path.slice(ENTERPRISE_USER.length + 1)) : undefined
  }
  const vp = VALUE_PATH.exec(path)
  if (vp) {
    const [, attr, type, sub] = vp as unknown as [string, string, string, string]
    const list = findKey(r, attr)
    if (!Array.isArray(list)) return undefined
    const item = list.find((e) => typeof e === 'object' && e && String(findKey(e, 'type')).toLowerCase() === type.toLowerCase())
    return item ? findKey(item, sub) : undefined
  }
  const dot = path.indexOf('.')
  if (dot > 0) return getAttribute(findKey(r, path.slice(0, dot)), path.slice(dot + 1))
  return findKey(r, path)
}

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
function findKey(obj: object, name: string): unknown {
  const rec = obj as Record<string, unknown>
  if (name in rec) return rec[name]
  const lower = name.toLowerCase()
  const key = Object.keys(rec).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : rec[key]
}

/** Entra's POST /Users body for this profile: core and enterprise schemas, exactly the mapped attributes. */
export function entraUserBody(profile: Profile, person: PersonData): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [CORE_USER] }
  for (const path of profile.attributes) {
    const value = valueFor(path, person)
    if (value !== undefined) setAttribute(body, path, value)
  }
  if (body[ENTERPRISE_USER]) (body.schemas as string[]).push(ENTERPRISE_USER)
  body.meta = { resourceType: 'User' }
  return body
}

/** The attributes of a profile whose values this run sends in the POST (manager comes later, by PATCH). */
export function postedAttributes(profile: Profile): string[] {
  return profile.attributes.filter((a) => !/manager$/i.test(a) && a !== 'roles')
}
