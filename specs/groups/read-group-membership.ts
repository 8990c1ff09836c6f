// How this run can read a group's members back, established once before the member flows: GET /Groups/{id}, the
// membership query, or the member's own `groups` attribute. Entra never reads members back (RFC 7643 and Microsoft's
// tutorial let a server return none), so this is the suite's presumption, not a requirement: the member flows read
// through a path shown here to work, and when none works their read-backs are blocked by this one warning while
// Entra's Add and Remove requests are still sent and judged by their answers.
import type { Exchange } from '../../helpers/model/exchange.ts'
import {
  createGroup,
  createUsers,
  membershipFound,
  newGroupName,
  queryMembership,
  type MemberPaths,
} from '../../helpers/steps/groups.ts'
import { entraGroupBody, groupPath } from '../../helpers/entra/group-body.ts'
import { patchOp } from '../../helpers/entra/patch-ops.ts'
import { CheckFailure, requestLine, uses } from '../../helpers/suite/expect-scim.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'read-group-membership/shows-members': {
    title: "Some read path shows a group's members: GET /Groups/{id}, the membership query, or the member's groups",
    severity: 'rfc',
    evidence: {
      says: "Entra never reads members back and Microsoft's tutorial lets a server return none; RFC 7643 §4.2 returns members by default. The suite needs one path to verify what Add and Remove did.",
      sources: [rfc7643('4.2'), entra('tutorial', 'get-group')],
    },
    refs: [rfc7643('4.2'), rfc7643('4.1.2'), rfc7644('3.4.2.2'), entra('tutorial', 'get-group')],
    why: 'How the suite reads membership back is never a requirement Entra puts on a server: without a read path the Add and Remove requests are judged by their answers only, and what they left in the group is unverified.',
    entra: {
      code: 'none: Entra does not read members back',
      effect:
        "Provisioning is unaffected; whether Entra's member adds and removals were applied cannot be verified on this server.",
    },
    fix: 'Return the stored members in GET /Groups/{id}, or support the membership filter `id eq "…" and members eq "…"`, or return `groups` on users, so that membership can be verified.',
  },
})

interface Probe {
  paths: MemberPaths
  byId: Exchange
  member: Exchange
  outsider: Exchange
  user: Exchange
}

const memberIds = (ex: Exchange, attribute: 'members' | 'groups'): string[] => {
  const list =
    ex.response?.status === 200 ? (ex.response.body as Record<string, unknown> | undefined)?.[attribute] : undefined
  return Array.isArray(list)
    ? list.map((m) => (m as { value?: unknown } | null)?.value).filter((v): v is string => typeof v === 'string')
    : []
}

async function probe(ctx: FlowContext, groupId: string, member: string, outsider: string): Promise<Probe> {
  const byId = await ctx.scim.get(groupPath(groupId))
  const inQuery = await queryMembership(ctx, groupId, member)
  const outQuery = await queryMembership(ctx, groupId, outsider)
  const user = await ctx.scim.get(`/Users/${encodeURIComponent(member)}`)
  return {
    paths: {
      id: memberIds(byId, 'members').includes(member),
      // A query that finds the group for everyone shows nothing: it must also leave the outsider out.
      query: membershipFound(inQuery) === true && membershipFound(outQuery) === false,
      groups: memberIds(user, 'groups').includes(groupId),
    },
    byId,
    member: inQuery,
    outsider: outQuery,
    user,
  }
}

const works = (p: MemberPaths): boolean => p.id || p.query || p.groups

export default defineFlow(checks, {
  id: 'read-group-membership',
  title: 'Reading group membership',
  writes: true,
  groups: true,
  async run(ctx) {
    const users = await createUsers(ctx, 2)
    ctx.require(users.length === 2, 'the member users could not be created', 'create-user/responds-201')
    const [member, outsider] = users as [string, string]
    // The member goes in with the group's POST (no PATCH op, whose letter case or path form has checks of its own);
    // a server that ignores members in a POST gets the RFC's lower-case add.
    const displayName = newGroupName(ctx)
    let post = await ctx.scim.post('/Groups', {
      ...entraGroupBody(displayName, ctx.data.groupExternalId()),
      members: [{ value: member }],
    })
    const id = (post.response?.body as { id?: unknown } | undefined)?.id
    let made = typeof id === 'string' && id !== '' && post.response!.status < 300 ? id : undefined
    if (made) ctx.created.add('Group', made, displayName)
    else {
      // A server that refuses members in a POST gets Entra's own create (members arrive by PATCH, as from Entra).
      const group = await createGroup(ctx)
      post = group.exchange
      made = group.id
    }
    const groupId = ctx.require(
      made,
      `the group could not be created (${requestLine(post)})`,
      post.response && post.response.status < 300 ? 'create-group/returns-id' : 'create-group/responds-201',
    )
    let seen = await probe(ctx, groupId, member, outsider)
    let add: Exchange | undefined
    if (!works(seen.paths)) {
      add = await ctx.scim.patch(
        groupPath(groupId),
        patchOp({ op: 'add', path: 'members', value: [{ value: member }] }),
      )
      seen = await probe(ctx, groupId, member, outsider)
    }
    ctx.establish('membership-readable', seen.paths)
    await ctx.check('read-group-membership/shows-members', () => {
      uses(post, add, seen.byId, seen.member, seen.outsider, seen.user)
      if (works(seen.paths))
        return `read through ${[seen.paths.id ? 'GET /Groups/{id}' : '', seen.paths.query ? 'the membership query' : '', seen.paths.groups ? "the member's groups" : ''].filter(Boolean).join(', ')}`
      const total = (ex: Exchange) =>
        ex.response?.status === 200
          ? String((ex.response.body as { totalResults?: unknown } | undefined)?.totalResults)
          : 'no ListResponse'
      throw new CheckFailure(
        `membership cannot be verified on this server: after ${requestLine(post)}${add ? ` and ${requestLine(add)}, each adding the member ${member}` : ` with the member ${member}`}, ` +
          `${requestLine(seen.byId)} lists ${memberIds(seen.byId, 'members').length} members, the membership query ${requestLine(seen.member)} finds ${total(seen.member)} group(s), ` +
          `and ${requestLine(seen.user)} carries ${memberIds(seen.user, 'groups').length} groups. Entra's Add and Remove Members requests are still sent and judged by their answers; ` +
          'what they leave in the group cannot be read back.',
        'a read path showing the member',
        { listed: memberIds(seen.byId, 'members'), query: total(seen.member), groups: memberIds(seen.user, 'groups') },
        seen.byId,
      )
    })
  },
})
