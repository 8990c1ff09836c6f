// Entra's group requests (Microsoft's SCIM tutorial, group operations) and the membership read-back the group flows share.
import { createUser, queryGroups } from './requests.ts'
import type { Exchange } from '../model/exchange.ts'
import {
  CheckBlocked,
  CheckFailure,
  expectJsonBody,
  expectStatus,
  isServerError,
  requestLine,
  short,
  uses,
} from '../suite/expect-scim.ts'
import type { FlowContext } from '../suite/flow.ts'
import { entraGroupBody, groupPath, mappedGroupValues } from '../entra/group-body.ts'

export interface CreatedGroup {
  displayName: string
  /** Entra's objectId of the group: a GUID. */
  externalId: string
  body: Record<string, unknown>
  exchange: Exchange
  /** Present when the server answered with an id. */
  id?: string
}

/** A run-prefixed group name no other flow of the run uses (flows create groups concurrently). */
export function newGroupName(ctx: FlowContext): string {
  return `${ctx.data.groupName()} ${ctx.data.guid().slice(0, 8)}`
}

/** POSTs Entra's group body and tracks the group for cleanup when the server gives an id. */
export async function createGroup(ctx: FlowContext, displayName = newGroupName(ctx)): Promise<CreatedGroup> {
  // Entra's objectId GUID, behind the run prefix so that every resource the run creates is findable by it.
  const externalId = ctx.data.groupExternalId()
  const body = entraGroupBody(displayName, externalId, mappedGroupValues(ctx.profile.groupAttributes, displayName))
  const exchange = await ctx.scim.post('/Groups', body)
  const id = (exchange.response?.body as { id?: unknown } | undefined)?.id
  if (typeof id === 'string' && id !== '' && exchange.response && exchange.response.status < 300) {
    ctx.created.add('Group', id, displayName)
    return { displayName, externalId, body, exchange, id }
  }
  // After a 5xx or no answer the group may exist anyway: read it back by its run-prefixed name so it is tracked and deleted.
  if (isServerError(exchange)) {
    const found = await queryGroups(ctx, displayName)
    const list =
      found.response?.status === 200
        ? (found.response.body as { Resources?: unknown } | undefined)?.Resources
        : undefined
    const made =
      Array.isArray(list) && list.length === 1 ? (list[0] as { id?: unknown; displayName?: unknown }) : undefined
    if (made && typeof made.id === 'string' && made.id !== '' && made.displayName === displayName) {
      ctx.created.add('Group', made.id, displayName)
      return { displayName, externalId, body, exchange, id: made.id }
    }
  }
  return { displayName, externalId, body, exchange }
}

/** The id of a group the flow needs, or the flow stops with the rest blocked by the Create Group check that judges why. */
export function requireGroupId(ctx: Pick<FlowContext, 'require'>, group: CreatedGroup): string {
  const accepted = group.exchange.response !== undefined && group.exchange.response.status < 300
  return ctx.require(
    group.id,
    `the group could not be created (${requestLine(group.exchange)})`,
    accepted ? 'create-group/returns-id' : 'create-group/responds-201',
  )
}

/** Runs `task` over `items` with at most `pool` in flight, keeping the order of the results. */
export async function pooled<T, R>(items: readonly T[], pool: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await task(items[i]!)
  }
  await Promise.all(Array.from({ length: Math.min(pool, items.length) }, worker))
  return out
}

/** Creates `count` run-prefixed users, a few at a time; returns the ids of those the server created. */
export async function createUsers(ctx: FlowContext, count: number, pool = 4): Promise<string[]> {
  // --concurrency 1 means one request at a time, setup included.
  const made = await pooled(
    Array.from({ length: count }, (_, i) => i),
    Math.min(pool, ctx.config.concurrency ?? pool),
    () => createUser(ctx),
  )
  return made.map((u) => u.id).filter((id): id is string => id !== undefined)
}

/** The arrange step of the member flows: a new group and `count` new users, or the flow stops naming what is missing. */
export async function groupWithUsers(ctx: FlowContext, count: number): Promise<{ id: string; users: string[] }> {
  const group = await createGroup(ctx)
  const id = requireGroupId(ctx, group)
  const users = await createUsers(ctx, count)
  ctx.require(users.length === count, 'the member users could not be created', 'create-user/accepts-entra-body')
  return { id, users }
}

/** Deletes users a few at a time (the runner would delete them one by one); those deleted are no longer tracked. */
export async function deleteUsers(ctx: FlowContext, ids: readonly string[], pool = 4): Promise<void> {
  await pooled(ids, Math.min(pool, ctx.config.concurrency ?? pool), async (id) => {
    const ex = await ctx.scim.delete(`/Users/${encodeURIComponent(id)}`)
    const status = ex.response?.status
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) ctx.created.forget('User', id)
  })
}

/**
 * `GET /Groups?filter=id eq "…" and members eq "…"&attributes=id`: the membership query, as Azure AD sync was documented
 * sending it (Stratsys's Azure AD sync docs; the 2019 revision of Microsoft's SCIM tutorial lists querying groups by member).
 * It asks whether the user is in the group without reading the member list (RFC 7644 §3.4.2.2).
 */
export function queryMembership(ctx: Pick<FlowContext, 'scim'>, groupId: string, memberId: string): Promise<Exchange> {
  return ctx.scim.get('/Groups', {
    query: [
      ['filter', `id eq "${groupId}" and members eq "${memberId}"`],
      ['attributes', 'id'],
    ],
  })
}

/** Whether the membership query found the group: true or false, or undefined when it got no usable ListResponse. */
export function membershipFound(q: Exchange): boolean | undefined {
  const total =
    q.response?.status === 200 ? (q.response.body as { totalResults?: unknown } | undefined)?.totalResults : undefined
  return typeof total === 'number' ? total > 0 : undefined
}

/** The read paths this run showed to show a group's members (specs/groups/read-group-membership.ts). */
export interface MemberPaths {
  /** GET /Groups/{id} lists the members. */
  id: boolean
  /** The membership query finds the group for a member and not for a non-member. */
  query: boolean
  /** GET /Users/{id} carries the user's groups. */
  groups: boolean
}

/** The read paths the run established, undefined when it did not (the proving flow is not in this run); throws
 * CheckBlocked when no path works, so a read-back is blocked by that one warning rather than failed. */
export async function memberPaths(ctx: Pick<FlowContext, 'presumed'>): Promise<MemberPaths | undefined> {
  const known = await ctx.presumed('membership-readable')
  if (known.holds === false && known.by) {
    throw new CheckBlocked(
      known.by,
      `blocked by ${known.by}: membership cannot be verified on this server (no read path shows a group's members), so what this request left in the group cannot be read back`,
    )
  }
  return known.detail as MemberPaths | undefined
}

export interface Membership {
  /** Member ids the server reported, among those asked about when it had to be asked one by one. */
  ids: Set<string>
  /** Ids the members attribute lists more than once. */
  duplicates: string[]
  /** How the members were read: the group's members attribute, one membership query per member, or each member's groups. */
  via: 'members' | 'filter' | 'groups'
  /** Members the membership query found though GET /Groups/{id} listed none of them: stored but not listed. */
  unlisted: string[]
  exchanges: Exchange[]
}

/**
 * Reads a group's members the way that cannot be fooled by a server that keeps members without listing them: GET
 * /Groups/{id}, and when that shows none of the candidates or none of those `justAdded` (or no members attribute: RFC
 * 7643 §2.5 lets a server omit it), one membership query per candidate. Entra never reads the list, so the query decides.
 */
export async function readMembers(
  ctx: FlowContext,
  groupId: string,
  candidates: readonly string[],
  justAdded: readonly string[] = candidates,
): Promise<Membership> {
  // Read through a path this run showed to work, never through one it found broken.
  const paths = await memberPaths(ctx)
  const got = await ctx.scim.get(groupPath(groupId))
  expectStatus(got, 200, 'the group should be readable by its id')
  const members = expectJsonBody<{ members?: unknown }>(got).members
  const listed = Array.isArray(members)
    ? members.map((m) => (m as { value?: unknown } | null)?.value).filter((v): v is string => typeof v === 'string')
    : undefined
  if (paths && !paths.id && !paths.query && paths.groups) {
    const exchanges: Exchange[] = [got]
    const ids = new Set<string>()
    for (const id of candidates) {
      const user = await ctx.scim.get(`/Users/${encodeURIComponent(id)}`)
      exchanges.push(user)
      const groups =
        user.response?.status === 200 ? (user.response.body as { groups?: unknown } | undefined)?.groups : undefined
      if (Array.isArray(groups) && groups.some((g) => (g as { value?: unknown } | null)?.value === groupId)) ids.add(id)
    }
    // GET /Groups/{id} was shown not to list members: those found here are stored but not listed.
    return { ids, duplicates: [], via: 'groups', unlisted: listed ? [...ids] : [], exchanges }
  }
  const trustList = paths
    ? paths.id
    : listed &&
      candidates.some((id) => listed.includes(id)) &&
      (justAdded.length === 0 || justAdded.some((id) => listed.includes(id)))
  if (trustList) {
    const list = listed ?? []
    const duplicates = [...new Set(list.filter((id, i) => list.indexOf(id) !== i))]
    return { ids: new Set(list), duplicates, via: 'members', unlisted: [], exchanges: [got] }
  }
  const exchanges: Exchange[] = [got]
  const ids = new Set<string>()
  for (const id of candidates) {
    const q = await queryMembership(ctx, groupId, id)
    exchanges.push(q)
    const found = membershipFound(q)
    if (found === undefined) {
      // A listed (empty) member list is an answer of its own; only a group without one cannot be read at all.
      if (listed) return { ids: new Set(listed), duplicates: [], via: 'members', unlisted: [], exchanges }
      throw new CheckFailure(
        `${requestLine(got)}: the group has no members attribute and the membership query failed (${requestLine(q)}), so its members cannot be read`,
        'members in GET /Groups/{id}, or a membership filter',
        { members: short(members), query: q.response?.status ?? q.error },
      )
    }
    if (found) ids.add(id)
  }
  return { ids, duplicates: [], via: 'filter', unlisted: listed ? [...ids] : [], exchanges }
}

/** Fails unless every id in `present` is a member and none in `absent` is; `what` names the request being judged. */
export function expectMembership(
  m: Membership,
  present: readonly string[],
  absent: readonly string[],
  what: Exchange,
): void {
  uses(what, ...m.exchanges)
  const missing = present.filter((id) => !m.ids.has(id))
  const extra = absent.filter((id) => m.ids.has(id))
  if (missing.length === 0 && extra.length === 0) return
  const problems = [
    missing.length ? `${missing.length} expected member(s) missing: ${short(missing)}` : '',
    extra.length ? `${extra.length} member(s) still there that should not be: ${short(extra)}` : '',
  ]
    .filter(Boolean)
    .join('; ')
  const how =
    m.via === 'filter'
      ? `by membership query (${requestLine(m.exchanges[m.exchanges.length - 1]!)})`
      : `(${requestLine(m.exchanges[0]!)})`
  throw new CheckFailure(
    `after ${describeRequest(what)}, the group read back ${how} is wrong: ${problems}`,
    { members: present, notMembers: absent },
    { members: [...m.ids].sort() },
  )
}

/** `PATCH /scim/v2/Groups/… → 204 with {"op":"Remove",…}`: the request line and its body, for failure messages. */
export function describeRequest(ex: Exchange): string {
  const body = ex.request.body as { Operations?: unknown } | undefined
  const shown = body && typeof body === 'object' && 'Operations' in body ? JSON.stringify(body.Operations) : undefined
  return shown
    ? `${requestLine(ex)} with Operations ${shown.length > 300 ? `${shown.slice(0, 297)}…` : shown}`
    : requestLine(ex)
}
