// /Users: what Entra's user flows call (Microsoft's SCIM tutorial, user operations).
import { fail, json, type ServerRequest, type ServerResponse } from '../http.ts'
import { ENTERPRISE, patchUser, readPatchBody } from '../patch.ts'
import type { Policy } from '../policy.ts'
import type { Resource, Store } from '../store.ts'
import { project, query } from './list.ts'

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'

export function usersRoute(
  req: ServerRequest,
  id: string | undefined,
  store: Store,
  policy: Policy,
  base: string,
): ServerResponse {
  const users = store.users
  if (id === undefined) {
    if (req.method === 'GET') return json(200, query(req, users, policy))
    if (req.method === 'POST') return create(req, store, policy, base)
    fail(405, `${req.method} is not supported on /Users`)
  }
  const existing = users.get(id)
  if (!existing) fail(404, `Resource ${id} not found`)
  switch (req.method) {
    case 'GET':
      return json(200, project(existing, req))
    case 'DELETE':
      policy.deleteUser(existing, users)
      return { status: 204 }
    case 'PATCH': {
      const next = normaliseUser(patchUser(existing, readPatchBody(req.body, policy), policy), policy)
      return save(next as Resource, existing, store, policy, 200)
    }
    case 'PUT': {
      const body = normaliseUser(readUser(req.body), policy)
      return save({ ...body, id, meta: existing.meta } as Resource, existing, store, policy, 200)
    }
    default:
      fail(405, `${req.method} is not supported on /Users/{id}`)
  }
}

function create(req: ServerRequest, store: Store, policy: Policy, base: string): ServerResponse {
  const body = normaliseUser(readUser(req.body), policy)
  const id = store.users.newId()
  const now = new Date().toISOString()
  const user = {
    ...body,
    id,
    meta: { resourceType: 'User', created: now, lastModified: now, location: `${base}/Users/${id}` },
  } as Resource
  const res = save(user, undefined, store, policy, 201)
  return { ...res, headers: { ...res.headers, Location: `${base}/Users/${id}` } }
}

function save(
  user: Resource,
  previous: Resource | undefined,
  store: Store,
  policy: Policy,
  status: number,
): ServerResponse {
  if (typeof user.userName !== 'string' || user.userName === '') fail(400, 'userName is required', 'invalidValue')
  if (policy.enforceUserNameUniqueness) {
    const clash = policy.uniquenessClash(user, store.users)
    if (clash) fail(409, `userName "${user.userName}" is already taken`, 'uniqueness')
  }
  const meta = { ...(user.meta as object), lastModified: new Date().toISOString() }
  const saved = { ...user, meta } as Resource
  if (previous) saved.meta = { ...(previous.meta as object), lastModified: meta.lastModified }
  store.users.put(saved)
  return json(status, saved)
}

function readUser(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    fail(400, 'The body must be a SCIM User object', 'invalidSyntax')
  const b = body as Record<string, unknown>
  const schemas = Array.isArray(b.schemas) ? b.schemas : []
  if (!schemas.includes(CORE_USER)) fail(400, `schemas must include ${CORE_USER}`, 'invalidSyntax')
  return b
}

/** Drops nulls (Entra's older samples send them), keeps booleans boolean and the manager an object. */
function normaliseUser(input: Record<string, unknown>, policy: Policy): Record<string, unknown> {
  const user: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(input)) if (v !== null && k !== 'meta') user[k] = v
  if (input.meta) user.meta = input.meta
  if (user.active !== undefined) {
    const active = policy.parseBoolean(user.active)
    if (active === undefined) fail(400, `active must be a boolean, got ${JSON.stringify(user.active)}`, 'invalidValue')
    user.active = active
  }
  const ext = user[ENTERPRISE] as Record<string, unknown> | undefined
  if (ext && typeof ext === 'object') {
    const manager = ext.manager
    if (
      manager === null ||
      manager === '' ||
      (typeof manager === 'object' && manager !== null && !(manager as { value?: unknown }).value)
    ) {
      const { manager: _dropped, ...rest } = ext
      user[ENTERPRISE] = rest
    } else if (typeof manager === 'string') {
      user[ENTERPRISE] = { ...ext, manager: { value: manager } }
    }
  }
  return user
}
