// Microsoft's tutorial (Example 4) shows Entra asking whether a user already has a manager with
// `id eq "…" and manager eq "…"`; a server that filters only on its matching attributes refuses the query.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isUsersQuery } from './match.ts'

export default defineFault({
  id: 'manager-filter-rejected',
  summary: 'GET /Users refuses a filter on manager with 400 invalidFilter.',
  breaks: ['update-user-manager/reference-query-finds-manager'],
  intercept: (req) =>
    isUsersQuery(req) && /\bmanager\s+eq\b/i.test(req.query.get('filter') ?? '')
      ? scimError(400, 'Filtering on manager is not supported', 'invalidFilter')
      : undefined,
})
