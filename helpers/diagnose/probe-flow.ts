// The diagnose-only probes, as a read-only flow: the Test Connection query with and without a User-Agent, the
// user named with --user looked up by the matching attribute, and one existing group queried as Entra queries it.
import { listResources, queryGroups, queryUsers } from '../steps/requests.ts'
import type { Exchange } from '../model/exchange.ts'
import { CheckSkipped, expectJsonBody, expectStatus, expectTrue, uses } from '../suite/expect-scim.ts'
import { defineFlow } from '../suite/flow.ts'
import { ENTERPRISE_USER } from '../entra/profile.ts'
import { probeChecks } from './probe-checks.ts'

/** What a browser-like client sends, so a WAF rule on missing headers shows by contrast. */
export const BROWSER_HEADERS = {
  'User-Agent': 'Mozilla/5.0 (scim-preflight diagnose)',
  Accept: 'application/scim+json, application/json',
}

const answerKind = (ex: Exchange): string => {
  const r = ex.response
  if (!r) return `no answer (${ex.error ?? 'unknown error'})`
  return `${r.status}${r.rawText !== undefined ? ' with a non-JSON body' : ''}`
}

export default defineFlow(probeChecks, {
  id: 'diagnose',
  title: 'Diagnose probes',
  writes: false,
  async run(ctx) {
    const guid = ctx.data.guid()
    const filter: [string, string][] = [['filter', `${ctx.matchingAttribute} eq "${guid}"`]]
    // Entra's request last, so it is the decisive exchange the findings classify.
    const asBrowser = await ctx.scim.get('/Users', { query: filter, headers: BROWSER_HEADERS })
    const asEntra = await queryUsers(ctx, ctx.matchingAttribute, guid)
    await ctx.check('diagnose/answers-without-user-agent', () => {
      uses(asBrowser)
      const same = answerKind(asEntra) === answerKind(asBrowser)
      expectTrue(
        asEntra,
        same,
        `answered ${answerKind(asEntra)} without User-Agent and Accept, but ${answerKind(asBrowser)} with them: something in front of the endpoint filters on these headers`,
        answerKind(asBrowser),
        answerKind(asEntra),
      )
    })

    const user = ctx.config.user
    const skipUser = (): never => {
      throw new CheckSkipped('no --user given: name an existing user to check how Entra would match it')
    }
    const found = user === undefined ? undefined : await queryUsers(ctx, ctx.matchingAttribute, user)
    let match: Record<string, unknown> | undefined
    await ctx.check('diagnose/user-lookup-finds-one', () => {
      if (!found) return skipUser()
      expectStatus(found, 200, 'Entra queries by the matching attribute before every update')
      const list = listResources(found)
      expectTrue(
        found,
        list.length === 1,
        `${list.length} users match ${ctx.matchingAttribute} eq "${user}"`,
        1,
        list.length,
      )
      match = list[0]
    })
    const needMatch = (): Record<string, unknown> => {
      if (!found) return skipUser()
      if (!match) throw new CheckSkipped('the user lookup did not find exactly one user')
      uses(found)
      return match
    }
    await ctx.check('diagnose/user-lookup-returns-active-boolean', () => {
      const active = needMatch().active
      expectTrue(
        found,
        typeof active === 'boolean',
        active === undefined
          ? '"active" is absent from the user'
          : `"active" is ${JSON.stringify(active)}, not a JSON boolean`,
        'true or false',
        active,
      )
    })
    await ctx.check('diagnose/user-lookup-returns-manager-object', () => {
      const ext = needMatch()[ENTERPRISE_USER] as Record<string, unknown> | undefined
      const manager = ext?.manager
      if (manager === undefined || manager === null) throw new CheckSkipped('the user has no manager to judge')
      const value = (manager as { value?: unknown }).value
      expectTrue(
        found,
        typeof manager === 'object' && typeof value === 'string',
        `manager is ${JSON.stringify(manager)}, not an object with a "value"`,
        { value: '<manager id>' },
        manager,
      )
    })

    const someGroups = await ctx.scim.get('/Groups', {
      query: [
        ['excludedAttributes', 'members'],
        ['startIndex', '1'],
        ['count', '1'],
      ],
    })
    const name =
      someGroups.response?.status === 200
        ? (someGroups.data as { Resources?: { displayName?: unknown }[] } | undefined)?.Resources?.[0]?.displayName
        : undefined
    const byName = typeof name === 'string' ? await queryGroups(ctx, name) : undefined
    await ctx.check('diagnose/group-query-excludes-members', () => {
      if (!byName) throw new CheckSkipped('no existing group could be listed to query by displayName')
      expectStatus(byName, 200)
      const list = listResources(byName)
      expectJsonBody(byName)
      const withMembers = list.filter((g) => Array.isArray(g.members) && g.members.length > 0)
      expectTrue(
        byName,
        withMembers.length === 0,
        `the answer lists members although excludedAttributes=members was sent`,
        'no members attribute',
        withMembers[0]?.members,
      )
      expectTrue(
        byName,
        list.length === 1,
        `${list.length} groups match displayName eq ${JSON.stringify(name)}`,
        1,
        list.length,
      )
    })
  },
})
