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
