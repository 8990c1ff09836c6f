// RFC 7643's attribute types for the core User and the enterprise extension: what a value must be built as when the
// server's /Schemas does not say.
import { splitPath } from './schema-paths.ts'
import { CORE_USER, ENTERPRISE_USER } from './urns.ts'

/** RFC 7643 §2.3 data types the suite can build a value of (complex attributes are built from their sub-attributes). */
export const ATTRIBUTE_TYPES = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference', 'binary'] as const
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number]

export const isBuildable = (t: unknown): t is AttributeType =>
  typeof t === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(t)

// RFC 7643 §4.1 (User) and §4.3 (enterprise extension): attribute and sub-attribute types; what is not listed is a string.
const RFC_USER: Record<string, AttributeType | Record<string, AttributeType>> = {
  id: 'string',
  externalId: 'string',
  userName: 'string',
  displayName: 'string',
  nickName: 'string',
  profileUrl: 'reference',
  title: 'string',
  userType: 'string',
  preferredLanguage: 'string',
  locale: 'string',
  timezone: 'string',
  active: 'boolean',
  password: 'string',
  name: {
    formatted: 'string',
    familyName: 'string',
    givenName: 'string',
    middleName: 'string',
    honorificPrefix: 'string',
    honorificSuffix: 'string',
  },
  emails: { value: 'string', display: 'string', type: 'string', primary: 'boolean' },
  phoneNumbers: { value: 'string', display: 'string', type: 'string', primary: 'boolean' },
  ims: { value: 'string', display: 'string', type: 'string', primary: 'boolean' },
  photos: { value: 'reference', display: 'string', type: 'string', primary: 'boolean' },
  addresses: {
    formatted: 'string',
    streetAddress: 'string',
    locality: 'string',
    region: 'string',
    postalCode: 'string',
    country: 'string',
    type: 'string',
    primary: 'boolean',
  },
  entitlements: { value: 'string', display: 'string', type: 'string', primary: 'boolean' },
  roles: { value: 'string', display: 'string', type: 'string', primary: 'boolean' },
  x509Certificates: { value: 'binary', display: 'string', type: 'string', primary: 'boolean' },
}
const RFC_ENTERPRISE: Record<string, AttributeType> = {
  employeeNumber: 'string',
  costCenter: 'string',
  organization: 'string',
  division: 'string',
  department: 'string',
}

export const lower = (s: string): string => s.toLowerCase()
function pick<T>(record: Record<string, T> | undefined, name: string): T | undefined {
  if (!record) return undefined
  const key = Object.keys(record).find((k) => lower(k) === lower(name))
  return key === undefined ? undefined : record[key]
}

/** The attribute's type in RFC 7643, when the RFC defines it (core User or the enterprise extension). */
export function rfcType(path: string): AttributeType | undefined {
  const { schema, attribute, sub } = splitPath(path)
  if (lower(schema) === lower(ENTERPRISE_USER)) return sub === undefined ? pick(RFC_ENTERPRISE, attribute) : undefined
  if (lower(schema) !== lower(CORE_USER)) return undefined
  const t = pick(RFC_USER, attribute)
  if (t === undefined) return undefined
  if (typeof t === 'string') return sub === undefined ? t : undefined
  // A multi-valued attribute without a sub-attribute (`emails[type eq "work"]`) means its value.
  return pick(t, sub ?? 'value')
}
