// Entra "Get User by query" for a user that already exists: in --read-only mode the user named by --user,
// otherwise a run-prefixed user with a manager created for the purpose. Only GET requests in read-only mode.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query
import { createUser, listResources, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import { CheckFailure, expectStatus, expectTrue, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow, type ClaimedId } from '../define-flow.ts'
import { setManager } from '../../helpers/entra/patch-ops.ts'
import { ENTERPRISE_USER, getAttribute } from '../../helpers/entra/profile.ts'
import { validateScim } from '../../helpers/model/scim-schema.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, DUPLICATE_TARGET, SERVICE_INCOMPATIBLE, UNPARSEABLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'query-existing-user/finds-exactly-one': {
    title: 'A filter on the matching attribute of an existing user answers 200 with exactly that one user',
    severity: 'entra',
    evidence: {
      says: 'Entra matches every in-scope user with this query each cycle; no match creates a duplicate, two stop it (DuplicateTargetEntries).',
      sources: [entra('tutorial', 'get-user-by-query'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    why: 'Entra matches every in-scope user this way each cycle; zero results makes it create a duplicate, two make it stop.',
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` on the matching attribute and return only the resources that match (totalResults 1).',
  },
  'query-existing-user/returns-valid-user': {
    title: 'The matched user is a valid SCIM User (RFC 7643 types)',
    severity: 'entra',
    evidence: {
      says: 'Entra deserializes the matched user; a body it cannot read fails with ServiceIncompatible.',
      sources: [entra('error-codes'), CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.1'), rfc7643('2.3'), entra('tutorial', 'get-user-by-query')],
    entra: UNPARSEABLE,
    fix: 'Return stored users with the types RFC 7643 declares: booleans as booleans, complex attributes as objects.',
  },
  'query-existing-user/returns-active': {
    title: 'The matched user carries the active attribute',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator fails a filter answer without active; the provisioning service is not documented to fail on it.",
      sources: [entra('scim-validator'), CAPTURES.scimServer],
    },
    refs: [rfc7643('4.1.1'), entra('tutorial', 'get-user-by-query'), entra('scim-validator')],
    why: "Entra compares active with the source on every cycle; Microsoft's SCIM Validator fails a filter answer without it.",
    entra: {
      ...CHURN,
      effect:
        'Entra cannot see whether the user is enabled, so it re-sends active, and the SCIM Validator reports "should have attribute active".',
    },
    fix: 'Return "active": true or false on every user, in filter answers too, whether the user is enabled or not.',
  },
  'query-existing-user/returns-manager-as-object': {
    title: 'A manager, when present, is returned as an object with a value (RFC 7643 §4.3), not a bare id',
    severity: 'entra',
    evidence: {
      says: 'A manager Entra cannot deserialize failed provisioning with ServiceIncompatible.',
      sources: [CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: 'Entra sends the manager as a bare id but reads it back as the complex type; a bare string cannot be deserialized.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Store the manager id and return "manager": {"value": "<id>"} (optionally with $ref and displayName).',
  },
})

interface Subject {
  userName: string
  /** The matching attribute's value, when known before the query (a created user). */
  matching?: string
  id?: string
}

/** The user to look for: --user in read-only mode, else a fresh user whose manager is set as Entra sets it. */
async function subject(ctx: FlowContext<ClaimedId<typeof checks>>): Promise<Subject> {
  if (ctx.config.readOnly) {
    return {
      userName: ctx.require(
        ctx.config.user,
        'read-only mode sends no writes: pass --user <userName> of an existing user to run this flow',
      ),
    }
  }
  const manager = await createUser(ctx)
  const user = await createUser(ctx)
  const id = requireUserId(ctx, user)
  const managerId = requireUserId(ctx, manager, 'the manager')
  // Manager is a reference: Entra writes it by PATCH once both users exist (Microsoft's 'How application provisioning works').
  await ctx.scim.patch(`/Users/${id}`, setManager(ctx.dialect, managerId, 'bare-id-on-urn-path'))
  return { userName: user.person.userName, matching: matchingValue(ctx.matchingAttribute, user.person), id }
}

function onlyResource(ex: Exchange): Record<string, unknown> {
  const list = listResources(ex)
  if (list.length !== 1)
    throw new CheckFailure(`${requestLine(ex)}: expected exactly one user, got ${list.length}`, 1, list.length)
  return list[0]!
}

export default defineFlow(checks, {
  id: 'query-existing-user',
  title: 'Get User by query (existing user)',
  writes: false,
  async run(ctx) {
    const who = await subject(ctx)
    let matching = who.matching
    if (matching === undefined) {
      // Read-only: the matching attribute's value is whatever the stored user has (userName is what we were given).
      const byName = ctx.matchingAttribute === 'userName' ? undefined : await queryUsers(ctx, 'userName', who.userName)
      const stored = byName ? listResources(byName)[0] : undefined
      matching = ctx.require(
        byName ? (getAttribute(stored, ctx.matchingAttribute) as string | undefined) : who.userName,
        `no user with userName "${who.userName}" and a ${ctx.matchingAttribute} was found to match on`,
      )
    }
    const found = await queryUsers(ctx, ctx.matchingAttribute, matching)
    let user: Record<string, unknown> | undefined
    await ctx.check('query-existing-user/finds-exactly-one', async () => {
      await ctx.presume('filter-finds-user', 'a filter that finds no user cannot find this one')
      expectStatus(found, 200)
      const total = (found.response?.body as { totalResults?: unknown } | undefined)?.totalResults
      user = onlyResource(found)
      expectTrue(found, total === 1, `totalResults is ${short(total)}`, 1, total)
      if (who.id)
        expectTrue(found, user.id === who.id, `the match is ${short(user.id)}, not the user ${who.id}`, who.id, user.id)
    })
    const matched = ctx.require(
      user,
      'the query did not find exactly one user',
      'query-existing-user/finds-exactly-one',
    )
    await ctx.check('query-existing-user/returns-valid-user', () => {
      const errors = validateScim('user', matched)
      if (errors.length)
        throw new CheckFailure(
          `${requestLine(found)}: the matched user is not a valid SCIM User: ${errors.slice(0, 5).join('; ')}`,
          'a valid User',
          errors,
        )
    })
    await ctx.check('query-existing-user/returns-active', () => {
      expectTrue(
        found,
        getAttribute(matched, 'active') !== undefined,
        'the matched user has no "active" attribute',
        'active: true or false',
        '(absent)',
      )
    })
    await ctx.check('query-existing-user/returns-manager-as-object', () => {
      const manager = getAttribute(matched, `${ENTERPRISE_USER}:manager`)
      if (manager === undefined || manager === null) return
      const value = typeof manager === 'object' ? (manager as { value?: unknown }).value : undefined
      expectTrue(
        found,
        typeof value === 'string' && value !== '',
        `manager is ${short(manager)}, not an object with a value`,
        { value: '<manager id>' },
        manager,
      )
    })
  },
})
