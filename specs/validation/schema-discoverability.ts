// Microsoft's Schema_Discoverability_Test reads /Schemas the way its template flattens it: typed paths exist only
// for the type values a schema declares as canonicalValues (Logic App template, SCIMTests_Workflow.json).
import { listResources } from '../../helpers/steps/requests.ts'
import { splitPath } from '../../helpers/entra/schema-paths.ts'
import { CheckBlocked, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { CORE_GROUP, CORE_USER } from '../../helpers/entra/urns.ts'

interface Attr {
  name?: unknown
  subAttributes?: unknown
  canonicalValues?: unknown
}

const named = (list: unknown, name: string): Attr | undefined =>
  Array.isArray(list)
    ? (list as Attr[]).find((a) => a && typeof a.name === 'string' && a.name.toLowerCase() === name.toLowerCase())
    : undefined

/** The mapped `x[type eq "t"].sub` paths whose x.type does not list t among its canonicalValues (case ignored, as the template lower-cases). */
export function undeclaredTypeValues(schemas: readonly Record<string, unknown>[], paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const typed = /\[\s*type\s+eq\s+"([^"]*)"\s*\]/i.exec(path)
    if (!typed) return false
    const { schema, attribute } = splitPath(path)
    const resource = schemas.find((s) => typeof s.id === 'string' && s.id.toLowerCase() === schema.toLowerCase())
    // An absent schema or attribute is discovery/schemas-describe-mapped-attributes' failure, not this one's.
    const described = named(resource?.attributes, attribute)
    if (!described) return false
    const type = named(described.subAttributes, 'type')
    const values = Array.isArray(type?.canonicalValues) ? type.canonicalValues.map((v) => String(v).toLowerCase()) : []
    return !values.includes(typed[1]!.toLowerCase())
  })
}

export default defineFlow({
  id: 'schema-discoverability',
  title: "Schema_Discoverability_Test (Microsoft's validation)",
  writes: false,
  async run(ctx) {
    const schemas = await ctx.scim.get('/Schemas')
    await ctx.check('schema-discoverability/declares-type-canonical-values', () => {
      if (!Array.isArray((schemas.response?.body as { Resources?: unknown } | undefined)?.Resources))
        throw new CheckBlocked(
          'discovery/schemas-is-list-response',
          'blocked by discovery/schemas-is-list-response: /Schemas gave no list of schemas to read',
        )
      expectStatus(schemas, 200)
      const missing = undeclaredTypeValues(listResources(schemas), ctx.profile.attributes)
      expectTrue(
        schemas,
        missing.length === 0,
        `${missing.length} mapped attribute(s) filter on a type /Schemas does not list in canonicalValues, so Microsoft's validation reports them missing: ${missing.join(', ')}`,
        [],
        missing,
      )
    })
    await ctx.check('schema-discoverability/describes-external-id', () => {
      if (!Array.isArray((schemas.response?.body as { Resources?: unknown } | undefined)?.Resources))
        throw new CheckBlocked(
          'discovery/schemas-is-list-response',
          'blocked by discovery/schemas-is-list-response: /Schemas gave no list of schemas to read',
        )
      const wanted = [
        ...(ctx.profile.attributes.some((a) => a.toLowerCase() === 'externalid') ? [CORE_USER] : []),
        ...(ctx.config.groups ? [CORE_GROUP] : []),
      ]
      // A schema /Schemas does not describe at all is discovery/schemas-describes-user's (or -group's) failure, not this one's.
      const present = wanted.filter((urn) => listResources(schemas).some((s) => s.id === urn))
      const lacking = present.filter(
        (urn) => !named(listResources(schemas).find((s) => s.id === urn)?.attributes, 'externalId'),
      )
      expectTrue(
        schemas,
        lacking.length === 0,
        `/Schemas does not list externalId in ${lacking.join(' and ')}, so Microsoft's validation reports it missing`,
        present,
        lacking,
      )
    })
  },
})
