// Entra's membership check filters groups by id and members (entra-facts.md §1.5, I21).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'member-filter-unsupported',
  summary: 'A /Groups filter on members answers 400 invalidFilter.',
  breaks: ['update-group-add-members/member-query-finds-group'],
  intercept: (req) => (isGroupsQuery(req) && /\bmembers\b/i.test(req.query.get('filter') ?? '') ? scimError(400, 'Filtering on members is not supported', 'invalidFilter') : undefined),
})
