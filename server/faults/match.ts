// Request matchers shared by faults, so each fault file reads as its one-sentence defect.
import type { ServerRequest, ServerResponse } from '../http.ts'
import { cleanPolicy, type Policy } from '../policy.ts'
import type { Collection } from '../store.ts'

export const isUsersQuery = (req: ServerRequest): boolean =>
  req.method === 'GET' && req.path === '/Users' && req.query.has('filter')
export const isUserById = (req: ServerRequest): boolean => /^\/Users\/[^/]+$/.test(req.path)
export const isCreateUser = (req: ServerRequest): boolean => req.method === 'POST' && req.path === '/Users'
export const ok = (res: ServerResponse): boolean => res.status >= 200 && res.status < 300
export const bodyOf = (res: ServerResponse): Record<string, unknown> => (res.body ?? {}) as Record<string, unknown>

/** Applies `edit` to every User resource in an answer (a single User or a ListResponse of them). */
export function mapUsers(
  res: ServerResponse,
  edit: (user: Record<string, unknown>) => Record<string, unknown>,
): ServerResponse {
  const body = res.body as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return res
  if (Array.isArray(body.Resources))
    return { ...res, body: { ...body, Resources: body.Resources.map((r) => (isUser(r) ? edit(r) : r)) } }
  return isUser(body) ? { ...res, body: edit(body) } : res
}

function isUser(r: unknown): r is Record<string, unknown> {
  return (
    !!r &&
    typeof r === 'object' &&
    Array.isArray((r as { schemas?: unknown }).schemas) &&
    (r as { schemas: string[] }).schemas.includes('urn:ietf:params:scim:schemas:core:2.0:User')
  )
}

export const isGroupById = (req: ServerRequest): boolean => /^\/Groups\/[^/]+$/.test(req.path)
export const isGroupsQuery = (req: ServerRequest): boolean => req.method === 'GET' && req.path === '/Groups'
export const isGroupPatch = (req: ServerRequest): boolean => req.method === 'PATCH' && isGroupById(req)

/** The operations of a PATCH body (the objects themselves, so an intercept may rewrite them before the route runs). */
export function operationsOf(req: ServerRequest): { op?: unknown; path?: unknown; value?: unknown }[] {
  const ops = (req.body as { Operations?: unknown } | undefined)?.Operations
  return Array.isArray(ops) ? ops.filter((o): o is Record<string, unknown> => !!o && typeof o === 'object') : []
}

export const opIs = (o: { op?: unknown }, name: string): boolean =>
  typeof o.op === 'string' && o.op.toLowerCase() === name
export const onMembers = (o: { path?: unknown }): boolean =>
  typeof o.path === 'string' && /^members(\[|$)/i.test(o.path)

/** Applies `edit` to every Group resource in an answer (a single Group or a ListResponse of them). */
export function mapGroups(
  res: ServerResponse,
  edit: (group: Record<string, unknown>) => Record<string, unknown>,
): ServerResponse {
  const body = res.body as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return res
  const isGroup = (r: unknown): r is Record<string, unknown> =>
    !!r &&
    typeof r === 'object' &&
    Array.isArray((r as { schemas?: unknown }).schemas) &&
    (r as { schemas: string[] }).schemas.includes('urn:ietf:params:scim:schemas:core:2.0:Group')
  if (Array.isArray(body.Resources))
    return { ...res, body: { ...body, Resources: body.Resources.map((r) => (isGroup(r) ? edit(r) : r)) } }
  return isGroup(body) ? { ...res, body: edit(body) } : res
}
export const isPatchUser = (req: ServerRequest): boolean => req.method === 'PATCH' && isUserById(req)

/** A PATCH's operations with path-less values spread into one entry per key (so faults can test paths). */
export function patchTargets(req: ServerRequest): { op: string; path: string; value: unknown }[] {
  const ops = (req.body as { Operations?: unknown } | undefined)?.Operations
  if (!Array.isArray(ops)) return []
  return ops.flatMap((o: { op?: unknown; path?: unknown; value?: unknown }) => {
    const op = String(o?.op ?? '').toLowerCase()
    if (typeof o?.path === 'string') return [{ op, path: o.path, value: o.value }]
    if (o?.value && typeof o.value === 'object' && !Array.isArray(o.value))
      return Object.entries(o.value).map(([path, value]) => ({ op, path, value }))
    return []
  })
}

export const isManagerPath = (path: string): boolean => /(^|:)manager$/i.test(path)

/**
 * A soft delete as many apps implement it (a deleted_at column): DELETE /Users/{id} marks the user inactive and hides it
 * from list and query results, but GET by id still serves it and a second DELETE answers 204 again. Microsoft's gallery
 * requirements allow soft delete; what Entra needs is that the same userName can be created again (`releasesUserName`).
 */
export function softDelete(releasesUserName: boolean): Partial<Policy> {
  const deleted = new Set<string>()
  return {
    deleteUser: (user, users) => {
      deleted.add(user.id)
      users.put({ ...user, active: false })
    },
    listed: (r) => !deleted.has(r.id),
    uniquenessClash: (user, users) =>
      cleanPolicy.uniquenessClash(user, {
        lookup: (a: string, v: unknown) => users.lookup(a, v)?.filter((u) => !releasesUserName || !deleted.has(u.id)),
      } as Collection),
  }
}
