// The type of every attribute a profile maps, so the suite can build a value for it: the server's /Schemas when it
// describes the attribute, else RFC 7643's User and enterprise schemas, else the `types` the profile file declares.
// An attribute with none of the three is a usage error before the run sends anything to the target's users.
import { UsageError } from '../model/errors.ts'
import { splitPath } from './schema-paths.ts'
import { hasPersonValue, type Profile } from './profile.ts'
import { ATTRIBUTE_TYPES, isBuildable, lower, rfcType, type AttributeType } from './rfc-types.ts'

interface SchemaAttribute {
  name?: unknown
  type?: unknown
  subAttributes?: unknown
  canonicalValues?: unknown
}

/** The attribute (or sub-attribute) the server's Schema resources describe for a mapped path. */
function describedAttribute(schemas: readonly Record<string, unknown>[], path: string): SchemaAttribute | undefined {
  const { schema, attribute, sub } = splitPath(path)
  const resource = schemas.find((s) => typeof s.id === 'string' && lower(s.id) === lower(schema))
  const find = (list: unknown, name: string): SchemaAttribute | undefined =>
    Array.isArray(list)
      ? (list as SchemaAttribute[]).find((a) => typeof a?.name === 'string' && lower(a.name) === lower(name))
      : undefined
  const attr = find(resource?.attributes, attribute)
  if (!attr) return undefined
  return sub !== undefined || attr.type === 'complex' ? find(attr.subAttributes, sub ?? 'value') : attr
}

/** The attribute's type as the server's Schema resources describe it; undefined when they do not describe it. */
export function schemaType(
  schemas: readonly Record<string, unknown>[],
  path: string,
): AttributeType | 'complex' | undefined {
  const target = describedAttribute(schemas, path)
  if (!target) return undefined
  return isBuildable(target.type) || target.type === 'complex' ? target.type : undefined
}

/**
 * The `canonicalValues` the server's /Schemas declares for each mapped string attribute (RFC 7643 §7): the run sends
 * one of them instead of a value of its own, as Entra would send what the directory holds for an app that allows only
 * these. Attributes without a declared list, or with a list that is not strings, are left out.
 */
export function resolveCanonicalValues(
  profile: Profile,
  serverSchemas: readonly Record<string, unknown>[],
): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {}
  for (const path of profile.attributes) {
    if (NOT_GENERATED(path)) continue
    const values = describedAttribute(serverSchemas, path)?.canonicalValues
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' && v !== ''))
      out[path] = values as string[]
  }
  return out
}

/** Attributes whose value comes from elsewhere than a generated one: the manager is another user's id, roles an app role. */
export const NOT_GENERATED = (path: string): boolean => /(^|:)manager$/i.test(path) || /^roles(\[|$|\.)/i.test(path)

/**
 * The type of every mapped attribute, in the documented order of precedence; throws a UsageError naming the attributes
 * the suite cannot build a value for (no schema describes them and the profile declares no type).
 */
export function resolveTypes(
  profile: Profile,
  serverSchemas: readonly Record<string, unknown>[] = [],
): Record<string, AttributeType> {
  const out: Record<string, AttributeType> = {}
  const unknown: string[] = []
  for (const path of profile.attributes) {
    if (NOT_GENERATED(path)) continue
    const described = schemaType(serverSchemas, path)
    const type = isBuildable(described) ? described : (rfcType(path) ?? profile.types?.[path])
    if (type === undefined)
      unknown.push(
        described === 'complex' ? `${path} (complex in the server's /Schemas: map its sub-attributes)` : path,
      )
    else out[path] = type
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `profile '${profile.name}' maps ${unknown.join(', ')}, which neither the server's /Schemas nor RFC 7643 describes: ` +
        `declare each one's type in the profile's "types" (e.g. "types": {"${unknown[0]!.split(' ')[0]}": "string"}; one of ${ATTRIBUTE_TYPES.join(', ')})`,
    )
  }
  return out
}

/** Whether the profile maps an attribute whose value is built from its type (one no person field covers). */
export function needsGeneratedValues(profile: Profile): boolean {
  return profile.attributes.some((path) => !NOT_GENERATED(path) && !hasPersonValue(path))
}

/** The profile resolved against the server's Schema resources: its types and the values the server allows. */
export function typedProfile(profile: Profile, described: readonly Record<string, unknown>[]): Profile {
  const canonicalValues = resolveCanonicalValues(profile, described)
  // Types matter only where the suite builds a value; the server's word on them is read only then.
  const types = needsGeneratedValues(profile) ? resolveTypes(profile, described) : resolveTypes(profile)
  return { ...profile, types, ...(Object.keys(canonicalValues).length > 0 ? { canonicalValues } : {}) }
}

/** The Schema resources of a 200 answer to GET /Schemas (a ListResponse, or a bare array); none for anything else. */
export function schemaResources(body: unknown): Record<string, unknown>[] {
  const shaped = body as { Resources?: unknown } | unknown[] | undefined
  const list = Array.isArray(shaped) ? shaped : Array.isArray(shaped?.Resources) ? shaped.Resources : []
  return list.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
}
