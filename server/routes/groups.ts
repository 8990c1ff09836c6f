// /Groups: what Entra's group flows call (Microsoft's SCIM tutorial, group operations).
import { fail, json, type ServerRequest, type ServerResponse } from '../http.ts'
import { patchGroup, readPatchBody } from '../patch.ts'
import type { Policy } from '../policy.ts'
import type { Resource, Store } from '../store.ts'
import { project, query } from './list.ts'

const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

export function groupsRoute(
  req: ServerRequest,
  id: string | undefined,
  store: Store,
  policy: Policy,
  base: string,
): ServerResponse {
  const groups = store.groups
  if (id === undefined) {
    if (req.method === 'GET') return json(200, query(req, groups, policy))
    if (req.method === 'POST') return create(req, store, policy, base)
    fail(405, `${req.method} is not supported on /Groups`)
  }
  const existing = groups.get(id)
  if (!existing) fail(404, `Resource ${id} not found`)
  switch (req.method) {
    case 'GET':
      return json(200, project(existing, req))
    case 'DELETE':
      groups.delete(id)
      return { status: 204 }
    case 'PATCH': {
      const known = (memberId: string): boolean => store.users.has(memberId) || store.groups.has(memberId)
      const next = patchGroup(existing, readPatchBody(req.body, policy), known, policy) as Resource
      const saved = save(next, store)
      return policy.groupPatchStatus === 204 ? { status: 204 } : json(200, project(saved, req))
    }
    default:
      fail(405, `${req.method} is not supported on /Groups/{id}`)
  }
}

function create(req: ServerRequest, store: Store, policy: Policy, base: string): ServerResponse {
  const body = req.body as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body))
    fail(400, 'The body must be a SCIM Group object', 'invalidSyntax')
  // Entra adds a Microsoft schema URI next to the core one (Microsoft's SCIM tutorial, "Create Group"): tolerate unknown URIs.
  if (!Array.isArray(body.schemas) || !body.schemas.includes(CORE_GROUP))
    fail(400, `schemas must include ${CORE_GROUP}`, 'invalidSyntax')
  if (typeof body.displayName !== 'string' || body.displayName === '')
    fail(400, 'displayName is required', 'invalidValue')
  // Entra matches groups on displayName; two groups with one name break its match, so refuse (Microsoft's SCIM tutorial; the SCIM Validator).
  if (policy.enforceGroupNameUniqueness && store.groups.lookup('displayName', body.displayName)?.length)
    fail(409, `A group named "${body.displayName}" exists`, 'uniqueness')
  const id = store.groups.newId()
  const now = new Date().toISOString()
  const members = Array.isArray(body.members)
    ? body.members.map((m) => ({ value: String((m as { value?: unknown }).value) }))
    : []
  const group: Resource = {
    schemas: [CORE_GROUP],
    id,
    ...(body.externalId !== undefined && body.externalId !== null ? { externalId: body.externalId } : {}),
    displayName: body.displayName,
    // A group mapping may add description (Microsoft's 'Customize attribute mappings'); the endpoint declares and keeps it.
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    members,
    meta: { resourceType: 'Group', created: now, lastModified: now, location: `${base}/Groups/${id}` },
  }
  store.groups.put(group)
  return json(201, group, { Location: `${base}/Groups/${id}` })
}

function save(group: Resource, store: Store): Resource {
  if (typeof group.displayName !== 'string' || group.displayName === '')
    fail(400, 'displayName is required', 'invalidValue')
  const saved = { ...group, meta: { ...(group.meta as object), lastModified: new Date().toISOString() } } as Resource
  store.groups.put(saved)
  return saved
}
