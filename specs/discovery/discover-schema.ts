// Schema discovery: /ServiceProviderConfig, /Schemas, /ResourceTypes (RFC 7644 §4), as gallery onboarding requires.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#schemas-schema-discovery
import { listResources } from '../../helpers/steps/requests.ts'
import { dependsOn, expectJsonBody, expectSchema, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER } from '../../helpers/entra/profile.ts'
import { validateListOf } from '../../helpers/model/scim-schema.ts'
import { undescribedPaths } from '../../helpers/entra/schema-paths.ts'
import { CheckFailure, requestLine } from '../../helpers/suite/expect-scim.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { defineChecks, type Evidence } from '../../helpers/model/check-info.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { entra, galleryChecklist, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

const GALLERY = entra('gallery-requirements')
/** Why the discovery endpoints the checklist names are Gallery-level: named there, never seen called at run time. */
const NAMED_BY_THE_CHECKLIST: Evidence = {
  says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
  sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
}

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'discovery/service-provider-config-responds-200': {
    title: 'GET /ServiceProviderConfig answers 200',
    severity: 'gallery',
    evidence: NAMED_BY_THE_CHECKLIST,
    refs: [rfc7644('4'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Serve /ServiceProviderConfig describing patch, bulk, filter, changePassword, sort, etag and authenticationSchemes.',
  },
  'discovery/service-provider-config-is-valid': {
    title: '/ServiceProviderConfig has every attribute RFC 7643 §5 requires, with the right types',
    severity: 'gallery',
    evidence: NAMED_BY_THE_CHECKLIST,
    refs: [rfc7643('5'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Include patch, bulk, filter, changePassword, sort, etag (each with a boolean "supported") and authenticationSchemes.',
  },
  'discovery/service-provider-config-declares-patch': {
    title: '/ServiceProviderConfig declares PATCH supported',
    severity: 'gallery',
    evidence: NAMED_BY_THE_CHECKLIST,
    refs: [rfc7643('5'), entra('tutorial', 'understand-the-microsoft-entra-scim-implementation')],
    why: 'Entra updates users and groups only with PATCH; groups are supported only if PATCH is.',
    entra: GALLERY_ONLY,
    fix: 'Implement PATCH (RFC 7644 §3.5.2) and set patch.supported to true.',
  },
  'discovery/schemas-is-list-response': {
    title: 'GET /Schemas answers 200 with a ListResponse of valid Schema resources',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7644('4'), rfc7643('7'), entra('tutorial', 'schemas-schema-discovery')],
    entra: GALLERY_ONLY,
    fix: 'Answer /Schemas with a ListResponse whose Resources are Schema resources (id, name, attributes).',
  },
  'discovery/schemas-describes-user': {
    title: '/Schemas describes the core User schema',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.1'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:core:2.0:User with its attributes in /Schemas.',
  },
  'discovery/schemas-describes-group': {
    title: '/Schemas describes the core Group schema',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.2'), GALLERY],
    why: "Microsoft's validation fails the group tests, rather than skipping them, when the Group schema is missing.",
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:core:2.0:Group with displayName and members in /Schemas.',
  },
  'discovery/schemas-describes-enterprise-user': {
    title: '/Schemas describes the enterprise User extension',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.3'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:extension:enterprise:2.0:User (employeeNumber, department, manager) in /Schemas.',
  },
  'discovery/schemas-describe-mapped-attributes': {
    title: '/Schemas describes every attribute the profile maps (sub-attributes and extension attributes included)',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('7'), rfc7644('4'), entra('tutorial', 'schemas-schema-discovery')],
    why: "Microsoft's validation flattens /Schemas to attribute paths and requires every mapped attribute among them, ignoring case.",
    entra: GALLERY_ONLY,
    fix: 'Describe each mapped attribute in /Schemas: sub-attributes under subAttributes, enterprise ones in the extension schema.',
  },
  'discovery/resource-types-is-list-response': {
    title: 'GET /ResourceTypes answers 200 with a ListResponse of valid ResourceType resources',
    severity: 'gallery',
    evidence: NAMED_BY_THE_CHECKLIST,
    refs: [rfc7644('4'), rfc7643('6'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Answer /ResourceTypes with a ListResponse of ResourceType resources (name, endpoint, schema).',
  },
  'discovery/resource-types-lists-user-and-group': {
    title: '/ResourceTypes lists User at /Users and Group at /Groups',
    severity: 'gallery',
    evidence: NAMED_BY_THE_CHECKLIST,
    refs: [rfc7643('6'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Declare the User resource type with endpoint /Users and the Group resource type with endpoint /Groups.',
  },
})

export default defineFlow(checks, {
  id: 'discovery',
  title: 'Schema discovery',
  writes: false,
  async run(ctx) {
    const spc = await ctx.scim.get('/ServiceProviderConfig')
    await ctx.check('discovery/service-provider-config-responds-200', () => expectStatus(spc, 200))
    await ctx.check('discovery/service-provider-config-is-valid', () => {
      dependsOn(spc, 'there is no ServiceProviderConfig to validate')
      expectSchema(spc, 'service-provider-config', 'ServiceProviderConfig')
    })
    await ctx.check('discovery/service-provider-config-declares-patch', () => {
      dependsOn(spc, 'there is no ServiceProviderConfig to read')
      const body = expectJsonBody<{ patch?: { supported?: unknown } }>(spc)
      expectTrue(spc, body.patch?.supported === true, 'patch.supported is not true', true, body.patch?.supported)
    })

    const schemas = await ctx.scim.get('/Schemas')
    await ctx.check('discovery/schemas-is-list-response', () => {
      expectStatus(schemas, 200)
      const errors = validateListOf('schema', expectJsonBody(schemas))
      if (errors.length)
        throw new CheckFailure(
          `${requestLine(schemas)}: not a ListResponse of Schema resources: ${errors.slice(0, 5).join('; ')}`,
          'ListResponse of Schema resources',
          errors,
        )
    })
    // Reading what a list describes needs a list: a refused or shapeless answer is schemas-is-list-response's failure alone.
    const readable = (
      ex: Exchange,
      listCheck: 'discovery/schemas-is-list-response' | 'discovery/resource-types-is-list-response',
    ): void => {
      dependsOn(ex, 'there is no list to read')
      if (!Array.isArray((ex.response?.body as { Resources?: unknown } | undefined)?.Resources))
        ctx.requirePassed(listCheck, 'the answer has no Resources array to read')
    }
    const describes = (urn: string) => () => {
      readable(schemas, 'discovery/schemas-is-list-response')
      const ids = listResources(schemas).map((s) => s.id)
      expectTrue(schemas, ids.includes(urn), `no Schema resource with id ${urn}`, urn, ids)
    }
    await ctx.check('discovery/schemas-describes-user', describes(CORE_USER))
    await ctx.check('discovery/schemas-describes-group', describes(CORE_GROUP))
    await ctx.check('discovery/schemas-describes-enterprise-user', describes(ENTERPRISE_USER))
    await ctx.check('discovery/schemas-describe-mapped-attributes', () => {
      readable(schemas, 'discovery/schemas-is-list-response')
      const missing = undescribedPaths(listResources(schemas), ctx.profile.attributes)
      expectTrue(
        schemas,
        missing.length === 0,
        `${missing.length} attribute(s) mapped by profile '${ctx.profile.name}' are not described: ${missing.join(', ')}`,
        [],
        missing,
      )
    })

    const types = await ctx.scim.get('/ResourceTypes')
    await ctx.check('discovery/resource-types-is-list-response', () => {
      expectStatus(types, 200)
      const errors = validateListOf('resource-type', expectJsonBody(types))
      if (errors.length)
        throw new CheckFailure(
          `${requestLine(types)}: not a ListResponse of ResourceType resources: ${errors.slice(0, 5).join('; ')}`,
          'ListResponse of ResourceType resources',
          errors,
        )
    })
    await ctx.check('discovery/resource-types-lists-user-and-group', () => {
      readable(types, 'discovery/resource-types-is-list-response')
      const found = listResources(types).map((t) => `${String(t.name)} ${String(t.endpoint)}`)
      const has = (name: string, endpoint: string) =>
        listResources(types).some((t) => t.name === name && String(t.endpoint).replace(/\/$/, '').endsWith(endpoint))
      expectTrue(
        types,
        has('User', '/Users') && has('Group', '/Groups'),
        'User at /Users and Group at /Groups are not both declared',
        ['User /Users', 'Group /Groups'],
        found,
      )
    })
  },
})
