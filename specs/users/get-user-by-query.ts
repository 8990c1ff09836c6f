// Entra "Get User by query": the match query for a user that exists, and in other letter case.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query
import { createUser, expectFindsOnly, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import { CheckFailure, dependsOn, requestLine } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { validateListOf } from '../../helpers/model/scim-schema.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { DUPLICATE_TARGET, SERVICE_INCOMPATIBLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'get-user-by-query/finds-exactly-one': {
    title: 'A filter on the matching attribute of an existing user finds exactly that user',
    severity: 'entra',
    evidence: {
      says: 'Entra matches existing users with this query (captured: filter=externalId eq …); two results stop it (DuplicateTargetEntries), none create a duplicate.',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user-by-query')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` filters on the matching attribute and return only the resources that match.',
  },
  'get-user-by-query/response-is-list-response': {
    title: 'The filter answer is a valid ListResponse of valid Users',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires every query answer to be a ListResponse; Entra cannot read anything else (ServiceIncompatible).',
      sources: [entra('tutorial', 'general'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2'), rfc7643('4.1')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer queries with a ListResponse (schemas, totalResults, Resources) of full User resources.',
  },
  'get-user-by-query/matches-username-case-insensitively': {
    title: 'userName matches in any letter case (userName is caseExact false)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator queries userName in other letter case; Entra queries with the value it provisioned, and no capture shows it querying in another case.",
      sources: [entra('scim-validator'), CAPTURES.scimServer, rfc7643('4.1.1')],
    },
    refs: [rfc7643('4.1.1'), rfc7644('3.4.2.2'), entra('scim-validator')],
    why: "Entra's UPNs change case; a case-sensitive match makes Entra create a second account.",
    entra: DUPLICATE_TARGET,
    fix: 'Compare userName case-insensitively in filters and in the uniqueness check.',
  },
})

export default defineFlow(checks, {
  id: 'get-user-by-query',
  title: 'Get User by query',
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const { person } = created
    const id = requireUserId(ctx, created)
    const found = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, person))
    await ctx.check('get-user-by-query/finds-exactly-one', () =>
      expectFindsOnly(found, id, 'user', `the filter on ${ctx.matchingAttribute}`),
    )
    await ctx.check('get-user-by-query/response-is-list-response', () => {
      dependsOn(found, 'there is no ListResponse to validate')
      const errors = validateListOf('user', found.response?.body)
      if (errors.length)
        throw new CheckFailure(
          `${requestLine(found)}: not a valid ListResponse of Users: ${errors.slice(0, 5).join('; ')}`,
          'ListResponse of User resources',
          errors,
        )
    })
    const shouted = await queryUsers(ctx, 'userName', person.userName.toUpperCase())
    await ctx.check('get-user-by-query/matches-username-case-insensitively', async () => {
      await ctx.presume(
        'filter-finds-user',
        'a filter that finds no user in its own letter case says nothing about other cases',
      )
      expectFindsOnly(shouted, id, 'user', 'the userName in upper case')
    })
  },
})
