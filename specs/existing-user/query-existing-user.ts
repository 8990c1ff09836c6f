// Entra "Get User by query" for a user that already exists: in --read-only mode the user named by --user,
// otherwise a run-prefixed user with a manager created for the purpose. Only GET requests in read-only mode.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query
import { createUser, listResources, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import { CheckFailure, expectStatus, expectTrue, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow } from '../define-flow.ts'
import { setManager } from '../../helpers/entra/patch-ops.ts'
import { ENTERPRISE_USER, getAttribute } from '../../helpers/entra/profile.ts'
import { validateScim } from '../../helpers/model/scim-schema.ts'
import type { CheckId } from '../catalog.ts'

interface Subject {
  userName: string
  /** The matching attribute's value, when known before the query (a created user). */
  matching?: string
  id?: string
}

/** The user to look for: --user in read-only mode, else a fresh user whose manager is set as Entra sets it. */
async function subject(ctx: FlowContext<CheckId>): Promise<Subject> {
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

export default defineFlow({
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
