// Treating inactive as deleted in queries: Entra then cannot match the user when it comes back into scope.
import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'disabled-users-hidden-from-filters',
  summary: 'Users with active false are left out of /Users query results.',
  breaks: ['disable-user/filter-returns-disabled-user'],
  rewriteResponse: (req, res) => {
    if (!isUsersQuery(req) || res.status !== 200) return res
    const body = bodyOf(res)
    const shown = ((body.Resources as { active?: unknown }[]) ?? []).filter((u) => u.active !== false)
    return { ...res, body: { ...body, totalResults: shown.length, itemsPerPage: shown.length, Resources: shown } }
  },
})
