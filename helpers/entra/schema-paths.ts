// Which mapped attribute paths a /Schemas answer does not describe, compared as Microsoft's validation does
// (Microsoft's SCIM tutorial, schema discovery; RFC 7643 §7): attribute names ignore case, `a.b` and `a[type eq "x"].b` need sub-attribute b of a,
// and a URN path needs the attribute in the schema with that id.
import { CORE_USER } from './urns.ts'

interface SchemaAttribute {
  name?: unknown
  subAttributes?: unknown
}

const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase()

function find(list: unknown, name: string): SchemaAttribute | undefined {
  return Array.isArray(list) ? (list as SchemaAttribute[]).find((a) => a && same(a.name, name)) : undefined
}

/** Splits `urn:…:User:attr.sub`, `attr[filter].sub` or `attr.sub` into schema id, attribute and sub-attribute. */
export function splitPath(path: string): { schema: string; attribute: string; sub?: string } {
  const urn = /^(urn:.+):([^:]+)$/.exec(path)
  const schema = urn ? urn[1]! : CORE_USER
  const rest = (urn ? urn[2]! : path).replace(/\[[^\]]*\]/, '')
  const [attribute, sub] = rest.split('.') as [string, string | undefined]
  return sub === undefined ? { schema, attribute } : { schema, attribute, sub }
}

/** RFC 7643 §3.1: id, externalId and meta are common to every resource and are not part of schema definitions. */
const COMMON = new Set(['id', 'externalid', 'meta'])

/** The paths among `paths` that the Schema resources do not describe. */
export function undescribedPaths(schemas: readonly Record<string, unknown>[], paths: readonly string[]): string[] {
  return paths.filter((path) => {
    if (COMMON.has(path.toLowerCase())) return false
    const { schema, attribute, sub } = splitPath(path)
    const resource = schemas.find((s) => same(s.id, schema))
    const attr = find(resource?.attributes, attribute)
    if (!attr) return true
    return sub !== undefined && !find(attr.subAttributes, sub)
  })
}
