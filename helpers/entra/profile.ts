// Attribute-mapping profiles: which SCIM attributes Entra writes for an app and which one it matches on.
// POST bodies carry exactly the profile's attributes, shaped as Entra shapes them (Microsoft's SCIM tutorial, "Create User"; Microsoft's 'Customize attribute mappings').
import { LANGUAGE_TAGS, TIME_ZONES, type PersonData } from './person.ts'
import { rfcType, type AttributeType } from './rfc-types.ts'

import { CORE_USER, ENTERPRISE_USER } from './urns.ts'
export { CORE_GROUP, CORE_USER, ENTERPRISE_USER, LIST_RESPONSE, PATCH_OP } from './urns.ts'

/** The attributes Entra can match users on (Microsoft's SCIM tutorial documents these three as matching filters). */
export const MATCHING_ATTRIBUTES = ['userName', 'externalId', 'emails[type eq "work"].value'] as const

export interface Profile {
  name: string
  description: string
  /** The attribute of matching precedence 1: Entra queries it first before creating (Test Connection queries only it). */
  matchingAttribute: string
  /**
   * Every matching attribute of the mapping in Entra's matching precedence (1 first): Entra queries the first and, when it
   * finds no user, the next (Microsoft's 'Customize attribute mappings', "Matching precedence"). Absent: only
   * `matchingAttribute`.
   */
  matchingAttributes?: readonly string[]
  /** SCIM target attributes, as written in Entra's mapping table (e.g. `emails[type eq "work"].value`). */
  attributes: string[]
  /** Group target attributes the mapping adds to displayName, externalId and members (e.g. `description`): Entra writes
   * them in the group's create and updates (Microsoft's 'Customize attribute mappings' lets a group mapping add them). */
  groupAttributes?: readonly string[]
  /** Types of mapped attributes: as declared in the file, then (once the run resolved them) of every generated attribute. */
  types?: Record<string, AttributeType>
  /** The values the server's /Schemas allows for a mapped attribute (its `canonicalValues`), resolved at the start of the
   * run: the run sends one of them, as a directory that provisions to this app would hold. */
  canonicalValues?: Record<string, readonly string[]>
}

/** What of a resolved profile decides the value sent for an attribute. */
export type ValueSource = Pick<Profile, 'types' | 'canonicalValues'>

/** Attributes that identify the person or carry Entra's own state: never taken from a server's list of allowed values. */
const OWN_VALUES = /^(userName|externalId|active|displayName|emails\[.*|name\..*)$/i

/** The server's allowed values for an attribute the run sends, when its /Schemas declares them. */
export function canonicalFor(path: string, source?: ValueSource): readonly string[] | undefined {
  const list = source?.canonicalValues?.[path]
  return list && list.length > 0 && !OWN_VALUES.test(path) ? list : undefined
}

/** Mapped attributes whose value comes from the person's data; every other attribute gets a value built from its type. */
export function hasPersonValue(path: string): boolean {
  return path.replace(`${ENTERPRISE_USER}:`, 'enterprise:') in personValues(undefined)
}

/**
 * The value this run sends for a mapped attribute: one of the server's `canonicalValues` when it declares them, else from
 * the person's data, else built from the attribute's type (`types`, resolved at the start of the run). Undefined for
 * reference attributes written later (manager).
 */
export function valueFor(path: string, p: PersonData, source?: ValueSource): unknown {
  // A value the server allows, chosen by the person's number so the seed reproduces it.
  const allowed = canonicalFor(path, source)
  if (allowed) return allowed[p.ordinal % allowed.length]
  const types = source?.types
  const key = path.replace(`${ENTERPRISE_USER}:`, 'enterprise:')
  const values = personValues(p)
  if (key in values) return values[key]
  if (/(^|:)manager$/i.test(path)) return undefined
  return generatedValue(path, p, types?.[path] ?? rfcType(path) ?? 'string')
}

/**
 * A value of the type for an attribute no person field covers, distinct per person and readable in a report:
 * phone numbers look like phone numbers, addresses like addresses, strings name the attribute and the person.
 */
export function generatedValue(path: string, p: PersonData, type: AttributeType): unknown {
  const n = p.ordinal
  const leaf = path.split(/[:.]/).pop()!.replace(/\[.*$/, '')
  switch (type) {
    case 'boolean':
      return n % 2 === 1
    case 'integer':
      return 1000 + n
    case 'decimal':
      return n + 0.25
    case 'dateTime':
      return new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().replace('.000Z', 'Z')
    case 'reference':
      return `https://contoso.example/${leaf}/${n}`
    case 'binary':
      return Buffer.from(`${leaf}-${n}`).toString('base64')
    case 'string':
      if (/^phoneNumbers\b/i.test(path)) return `+1 425 555 ${String(1000 + (n % 9000)).padStart(4, '0')}`
      if (/^emails\b/i.test(path)) return `${leaf}.${n}.${p.email}`
      if (/^addresses\b.*\.formatted$/i.test(path)) return `${p.street}, ${p.locality}, ${p.region} ${p.postalCode}`
      // Values a directory holds and Entra would send: a BCP 47 tag for a locale, an IANA zone for a time zone.
      if (/^(preferredLanguage|locale)$/i.test(leaf)) return LANGUAGE_TAGS[(n + 1) % LANGUAGE_TAGS.length]!
      if (/^timezone$/i.test(leaf)) return TIME_ZONES[n % TIME_ZONES.length]!
      if (/^userType$/i.test(leaf)) return ['Employee', 'Contractor', 'Intern', 'Vendor'][n % 4]!
      if (/^nickName$/i.test(leaf)) return p.givenName
      return `${leaf} ${p.givenName} ${n}`
  }
}

function personValues(p: PersonData | undefined): Record<string, unknown> {
  if (!p) p = {} as PersonData
  return {
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
}

const VALUE_PATH = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/

/** Sets one mapped attribute into a resource body the way Entra's POST carries it. */
export function setAttribute(body: Record<string, unknown>, path: string, value: unknown): void {
  const urn = extensionOf(path)
  if (urn) {
    // An extension attribute sits in an object named by its schema URN (RFC 7643 §3.3), enterprise and custom alike.
    const ext = (body[urn] ??= {}) as Record<string, unknown>
    ext[path.slice(urn.length + 1)] = value
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
  const urn = extensionOf(path)
  if (urn) {
    const ext = findKey(r, urn) as Record<string, unknown> | undefined
    return ext && typeof ext === 'object' ? findKey(ext, path.slice(urn.length + 1)) : undefined
  }
  const vp = VALUE_PATH.exec(path)
  if (vp) {
    const [, attr, type, sub] = vp as unknown as [string, string, string, string]
    const list = findKey(r, attr)
    if (!Array.isArray(list)) return undefined
    const item = list.find(
      (e) => typeof e === 'object' && e && String(findKey(e, 'type')).toLowerCase() === type.toLowerCase(),
    )
    return item ? findKey(item, sub) : undefined
  }
  // roles[primary eq "True"].value (SingleAppRoleAssignment's target): the element whose boolean primary is that value.
  const primary = /^(\w+)\[primary eq "(true|false)"\]\.(\w+)$/i.exec(path)
  if (primary) {
    const [, attr, flag, sub] = primary as unknown as [string, string, string, string]
    const list = findKey(r, attr)
    const item = Array.isArray(list)
      ? list.find(
          (e) => typeof e === 'object' && e && String(findKey(e, 'primary')).toLowerCase() === flag.toLowerCase(),
        )
      : undefined
    return item ? findKey(item, sub) : undefined
  }
  const dot = path.indexOf('.')
  if (dot > 0) return getAttribute(findKey(r, path.slice(0, dot)), path.slice(dot + 1))
  return findKey(r, path)
}

/** The schema URN of an extension attribute path (`urn:…:2.0:User:attr` → `urn:…:2.0:User`); undefined for a core path. */
export function extensionOf(path: string): string | undefined {
  return /^(urn:ietf:params:scim:schemas:extension:[^[]+):[A-Za-z$][\w$]*$/i.exec(path)?.[1]
}

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
function findKey(obj: object, name: string): unknown {
  const rec = obj as Record<string, unknown>
  if (name in rec) return rec[name]
  const lower = name.toLowerCase()
  const key = Object.keys(rec).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : rec[key]
}

/**
 * Entra's POST /Users body for this profile: exactly the mapped attributes, with the core and enterprise schema URIs.
 * A custom extension's URN is not listed in `schemas`: Microsoft notes that Entra's SCIM client does not send it
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/customize-application-attributes).
 */
export function entraUserBody(profile: Profile, person: PersonData): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [CORE_USER] }
  for (const path of profile.attributes) {
    const value = valueFor(path, person, profile)
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

/**
 * The matching attributes in the order Entra queries them: the profile's, in their precedence; an attribute given
 * instead (--matching-attribute) is matched on alone, as when an admin sets one matching attribute.
 */
export function matchingPrecedence(profile: Profile, first: string = profile.matchingAttribute): string[] {
  return first === profile.matchingAttribute ? [...(profile.matchingAttributes ?? [first])] : [first]
}

/** The value a person carries for the matching attribute. */
export function matchingValue(attribute: string, person: PersonData): string {
  if (attribute === 'externalId') return person.externalId
  if (/^emails\[type eq "work"\]\.value$/i.test(attribute)) return person.email
  return person.userName
}

export const isMapped = (profile: Profile, path: string): boolean => profile.attributes.includes(path)
