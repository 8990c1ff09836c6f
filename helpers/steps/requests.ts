// Entra's requests, shaped as the provisioning service sends them (Microsoft's SCIM tutorial, user and group operations).
import type { Exchange } from '../model/exchange.ts'
import {
  CheckFailure,
  expectJsonBody,
  expectStatus,
  expectTrue,
  isServerError,
  requestLine,
} from '../suite/expect-scim.ts'
import type { FlowContext } from '../suite/flow.ts'
import { entraUserBody } from '../entra/profile.ts'
import type { PersonData } from '../entra/person.ts'

/** `GET /Users?filter=<attr> eq "<value>"`: the match query Entra sends before every create and in Test Connection. */
export function queryUsers(ctx: Pick<FlowContext, 'scim'>, attribute: string, value: string): Promise<Exchange> {
  return ctx.scim.get('/Users', { query: [['filter', `${attribute} eq "${value}"`]] })
}

/** `GET /Groups?excludedAttributes=members&filter=displayName eq "…"`, in that parameter order (Microsoft's SCIM tutorial, "Get Group by displayName"). */
export function queryGroups(ctx: Pick<FlowContext, 'scim'>, displayName: string): Promise<Exchange> {
  return ctx.scim.get('/Groups', {
    query: [
      ['excludedAttributes', 'members'],
      ['filter', `displayName eq "${displayName}"`],
    ],
  })
}

export interface CreatedUser {
  person: PersonData
  body: Record<string, unknown>
  exchange: Exchange
  /** Present when the server answered with an id. */
  id?: string
}

/**
 * POSTs Entra's body for a new person and tracks the user for cleanup when the server gives an id.
 * `omit` leaves mapped attributes out, as Entra does when the source value is empty (Microsoft's 'Customize attribute mappings': nulls are never sent).
 */
export async function createUser(
  ctx: FlowContext,
  person = ctx.data.person(),
  omit: readonly string[] = [],
): Promise<CreatedUser> {
  const body = entraUserBody(
    { ...ctx.profile, attributes: ctx.profile.attributes.filter((a) => !omit.includes(a)) },
    person,
  )
  const exchange = await ctx.scim.post('/Users', body)
  const id = (exchange.response?.body as { id?: unknown } | undefined)?.id
  if (typeof id === 'string' && id !== '' && exchange.response && exchange.response.status < 300) {
    ctx.created.add('User', id, person.userName)
    return { person, body, exchange, id }
  }
  // A POST that got a 5xx or no answer may still have created the user: read it back by its run-prefixed userName, so
  // it is tracked (and deleted) and the flow judges the state, not the lost answer. The 5xx itself is the cause.
  if (isServerError(exchange)) {
    const found = await queryUsers(ctx, 'userName', person.userName)
    const list =
      found.response?.status === 200
        ? (found.response.body as { Resources?: unknown } | undefined)?.Resources
        : undefined
    const made =
      Array.isArray(list) && list.length === 1 ? (list[0] as { id?: unknown; userName?: unknown }) : undefined
    if (
      made &&
      typeof made.id === 'string' &&
      made.id !== '' &&
      String(made.userName).toLowerCase() === person.userName.toLowerCase()
    ) {
      ctx.created.add('User', made.id, person.userName)
      return { person, body, exchange, id: made.id }
    }
  }
  return { person, body, exchange }
}

/**
 * The id of a user the flow needs, or the flow stops: the checks left are blocked by the Create User check that judges
 * the step that went wrong (the POST refused, or accepted without an id), not failed with fixes of their own.
 */
export function requireUserId(ctx: Pick<FlowContext, 'require'>, created: CreatedUser, what = 'the user'): string {
  // The reason is written only when it is needed: a run asks this of every member of its large group.
  if (created.id) return created.id
  const accepted = created.exchange.response !== undefined && created.exchange.response.status < 300
  return ctx.require(
    created.id,
    `${what} could not be created (${requestLine(created.exchange)})`,
    accepted ? 'create-user/returns-id' : 'create-user/accepts-entra-body',
  )
}

/**
 * The query `asked` (e.g. "the userName in upper case") answered 200 with exactly the `noun` `id`; otherwise the
 * failure says first what it found instead (a cause is titled by that).
 */
export function expectFindsOnly(ex: Exchange, id: string, noun: 'user' | 'group', asked: string): void {
  expectStatus(ex, 200)
  const ids = listResources(ex).map((r) => r.id)
  const found =
    ids.length === 0
      ? `no ${noun}`
      : ids.length === 1
        ? `another ${noun} (${String(ids[0])})`
        : `${ids.length} ${noun}s`
  expectTrue(ex, ids.length === 1 && ids[0] === id, `${asked} finds ${found}, not exactly the ${noun} ${id}`, [id], ids)
}

/** Resources of a ListResponse, failing when the answer is not one. */
export function listResources(ex: Exchange): Record<string, unknown>[] {
  const body = expectJsonBody<{ Resources?: unknown; totalResults?: unknown }>(ex)
  if (typeof body.totalResults !== 'number')
    throw new CheckFailure(`${requestLine(ex)}: not a ListResponse (no numeric totalResults)`, 'a ListResponse', body)
  if (body.Resources === undefined && body.totalResults === 0) return []
  if (!Array.isArray(body.Resources))
    throw new CheckFailure(`${requestLine(ex)}: ListResponse without a Resources array`, 'Resources: [...]', body)
  return body.Resources as Record<string, unknown>[]
}
