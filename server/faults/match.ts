// Request matchers shared by faults, so each fault file reads as its one-sentence defect.
import type { ServerRequest, ServerResponse } from '../http.ts'

export const isUsersQuery = (req: ServerRequest): boolean => req.method === 'GET' && req.path === '/Users' && req.query.has('filter')
export const isUserById = (req: ServerRequest): boolean => /^\/Users\/[^/]+$/.test(req.path)
export const isCreateUser = (req: ServerRequest): boolean => req.method === 'POST' && req.path === '/Users'
export const ok = (res: ServerResponse): boolean => res.status >= 200 && res.status < 300
export const bodyOf = (res: ServerResponse): Record<string, unknown> => (res.body ?? {}) as Record<string, unknown>

/** Applies `edit` to every User resource in an answer (a single User or a ListResponse of them). */
export function mapUsers(res: ServerResponse, edit: (user: Record<string, unknown>) => Record<string, unknown>): ServerResponse {
  const body = res.body as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return res
  if (Array.isArray(body.Resources)) return { ...res, body: { ...body, Resources: body.Resources.map((r) => (isUser(r) ? edit(r) : r)) } }
  return isUser(body) ? { ...res, body: edit(body) } : res
}

function isUser(r: unknown): r is Record<string, unknown> {
  return !!r && typeof r === 'object' && Array.isArray((r as { schemas?: unknown }).schemas) && ((r as { schemas: string[] }).schemas).includes('urn:ietf:params:scim:schemas:core:2.0:User')
}

export const isPatchUser = (req: ServerRequest): boolean => req.method === 'PATCH' && isUserById(req)

/** A PATCH's operations with path-less values spread into one entry per key (so faults can test paths). */
export function patchTargets(req: ServerRequest): { op: string; path: string; value: unknown }[] {
  const ops = (req.body as { Operations?: unknown } | undefined)?.Operations
  if (!Array.isArray(ops)) return []
  return ops.flatMap((o: { op?: unknown; path?: unknown; value?: unknown }) => {
    const op = String(o?.op ?? '').toLowerCase()
    if (typeof o?.path === 'string') return [{ op, path: o.path, value: o.value }]
    if (o?.value && typeof o.value === 'object' && !Array.isArray(o.value)) return Object.entries(o.value).map(([path, value]) => ({ op, path, value }))
    return []
  })
}

export const isManagerPath = (path: string): boolean => /(^|:)manager$/i.test(path)
