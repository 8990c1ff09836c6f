// A server that supports filters on userName only and refuses any other with 400 invalidFilter: fine while userName is
// the mapping's one matching attribute; with externalId next in matching precedence, every create-time query fails.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isUsersQuery } from './match.ts'

export default defineFault({
  id: 'external-id-filter-refused',
  summary: 'A /Users filter on externalId is refused with 400 invalidFilter.',
  profile: 'entra-extended',
  breaks: ['create-user/query-finds-nothing'],
  intercept: (req) =>
    isUsersQuery(req) && /^\s*externalId\s+eq\b/i.test(req.query.get('filter') ?? '')
      ? scimError(400, 'Filtering on externalId is not supported', 'invalidFilter')
      : undefined,
})
