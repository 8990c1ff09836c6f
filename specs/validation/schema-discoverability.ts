// Microsoft's Schema_Discoverability_Test reads /Schemas the way its template flattens it: typed paths exist only
// for the type values a schema declares as canonicalValues (Logic App template, SCIMTests_Workflow.json).
import { listResources } from '../../helpers/steps/requests.ts'
import { splitPath } from '../../helpers/entra/schema-paths.ts'
import { CheckBlocked, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { CORE_GROUP, CORE_USER } from '../../helpers/entra/urns.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import type { Ref } from '../../helpers/model/refs.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { entra, msValidation, rfc7643 } from '../../helpers/model/refs.ts'
import { logicAppWorkflow } from './shared-claims.ts'

/** Microsoft's troubleshooting article for the validation run. */
const troubleshootValidation: Ref = {
  label: 'Microsoft: Troubleshoot user provisioning validation for the Microsoft Entra App Gallery',
  url: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/troubleshoot-user-provisioning-validation',
}

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'schema-discoverability/declares-type-canonical-values': {
    title:
      '/Schemas lists, as canonicalValues of the type sub-attribute, every type a mapped attribute filters on (emails[type eq "work"].value needs "work" on emails.type)',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation flattens /Schemas to paths and builds x[type eq "t"].sub only from the canonicalValues of x.type; without them a mapped x[type eq "work"].sub is reported missing. The provisioning service itself does not read /Schemas.',
      sources: [
        logicAppWorkflow('SCIMTests_Workflow.json', 'Schema_Discoverability_Test'),
        troubleshootValidation,
        msValidation('Schema_Discoverability_Test'),
      ],
    },
    refs: [rfc7643('7'), entra('tutorial', 'schemas-schema-discovery')],
    why: 'Schema_Discoverability_Test fails with "Missing user attrs" for every typed path whose type is not a canonical value.',
    entra: GALLERY_ONLY,
    fix: 'Declare canonicalValues on the type sub-attribute of emails, phoneNumbers, addresses (and every other typed multi-valued attribute the app maps), including each type the mapping uses, e.g. "work" and "mobile".',
  },
  'schema-discoverability/describes-external-id': {
    title:
      '/Schemas lists externalId in the User schema (when the mapping writes it) and in the Group schema (when groups are provisioned)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation counts as missing every target attribute of the app (all but id) that its flattened /Schemas lacks; RFC 7643 §3.1 makes externalId a common attribute outside schema definitions, so servers that follow it to the letter fail Schema_Discoverability_Test. Entra itself does not read /Schemas.",
      sources: [logicAppWorkflow('SCIMTests_Workflow.json', 'Schema_Discoverability_Test'), troubleshootValidation],
    },
    refs: [rfc7643('3.1'), rfc7643('7')],
    why: 'Schema_Discoverability_Test fails with "Missing user attrs: [externalid]" (or group attrs) though externalId works.',
    entra: GALLERY_ONLY,
    fix: 'List externalId (type string, caseExact true) among the attributes of the User and Group schemas in /Schemas; RFC 7643 allows describing it there.',
  },
})

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

export default defineFlow(checks, {
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
