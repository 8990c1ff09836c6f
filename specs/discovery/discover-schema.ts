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

export default defineFlow({
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
