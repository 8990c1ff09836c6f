// A server whose user query joins the manager table on the wrong key: the userName filter finds users without a
// manager, but never one whose manager is set (GET by id still serves it). Entra matches such a user, finds nobody, and
// tries to create it again. The filter itself works (the Get User by query check passes), so the existing-user check,
// which queries a user with a manager as Entra meets them after a first cycle, is the one that fails.
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

const hasManager = (u: unknown): boolean => {
  const manager = ((u as Record<string, unknown> | null)?.[ENTERPRISE_USER] as { manager?: unknown } | undefined)
    ?.manager
  return manager !== undefined && manager !== null && manager !== ''
}

export default defineFault({
  id: 'filter-misses-users-with-manager',
  summary: 'GET /Users?filter=userName eq "…" finds no user whose manager is set (users without a manager are found).',
  breaks: ['query-existing-user/finds-exactly-one'],
  rewriteResponse: (req, res) => {
    if (!isUsersQuery(req) || res.status !== 200 || !/\buserName\s+eq\b/i.test(req.query.get('filter') ?? ''))
      return res
    const body = bodyOf(res)
    const kept = ((body.Resources as unknown[] | undefined) ?? []).filter((u) => !hasManager(u))
    return { ...res, body: { ...body, totalResults: kept.length, itemsPerPage: kept.length, Resources: kept } }
  },
})
