// member-reads-empty's groups (no members listed, a membership query that finds nothing), with a removal answered 204
// that keeps the member: the removed user keeps the group's access. With no read path at all a kept member could not be
// told from a removed one (the suite would only warn, as for member-reads-empty), so this server, like many, returns
// each user's `groups` (RFC 7643 §4.1.2): the one path the suite can read membership through, and the one that shows
// the removed member is still there.
import type { ServerRequest, ServerResponse } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf, isCreateUser, isGroupPatch, isUserById, ok, onMembers, operationsOf, opIs } from './match.ts'
import memberReadsEmpty from './member-reads-empty.ts'
import removeMemberIgnored from './remove-member-ignored.ts'

/** Group id -> member ids, as this server stores them (adds, and a replace's exact list: its removals are ignored). */
const stored = new Map<string, Set<string>>()

const valuesOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [])
    .map((m) => (m as { value?: unknown } | null)?.value)
    .filter((x): x is string => typeof x === 'string')

function remember(req: ServerRequest, res: ServerResponse): void {
  if (!ok(res)) return
  if (req.method === 'POST' && req.path === '/Groups') {
    const id = bodyOf(res).id
    if (typeof id === 'string')
      stored.set(id, new Set(valuesOf((req.body as { members?: unknown } | undefined)?.members)))
  } else if (isGroupPatch(req)) {
    const id = req.path.split('/')[2]!
    for (const o of operationsOf(req)) {
      if (opIs(o, 'replace') && onMembers(o)) stored.set(id, new Set(valuesOf(o.value)))
      if (opIs(o, 'add') && onMembers(o))
        for (const m of valuesOf(o.value)) (stored.get(id) ?? stored.set(id, new Set()).get(id)!).add(m)
    }
  } else if (req.method === 'DELETE' && /^\/Groups\/[^/]+$/.test(req.path)) {
    stored.delete(req.path.split('/')[2]!)
  }
}

export default defineFault({
  id: 'member-reads-empty-removals-ignored',
  summary:
    'Groups list no members and the membership query finds none (users carry their groups), and a PATCH removing a member answers 204 and keeps it.',
  breaks: [
    'update-group-add-members/lists-members',
    'update-group-add-members/member-query-finds-group',
    'update-group-remove-members/removes-the-member',
    'update-group-remove-members/removes-by-lower-case-value-array',
    'update-group-remove-several-members/removes-exactly-those-members',
    'validation-groups/filter-lists-members',
  ],
  ...(removeMemberIgnored.intercept ? { intercept: removeMemberIgnored.intercept } : {}),
  rewriteResponse: (req, res) => {
    remember(req, res)
    if (req.method === 'GET' && isUserById(req) && !isCreateUser(req) && ok(res)) {
      const id = bodyOf(res).id
      const groups = [...stored].filter(([, members]) => members.has(String(id))).map(([value]) => ({ value }))
      return { ...res, body: { ...bodyOf(res), groups } }
    }
    return memberReadsEmpty.rewriteResponse ? memberReadsEmpty.rewriteResponse(req, res) : res
  },
})
