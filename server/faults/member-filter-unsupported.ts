// Entra's membership check filters groups by id and members (the 2019 revision of Microsoft's SCIM tutorial; Stratsys's Azure AD sync docs).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'member-filter-unsupported',
  summary: 'A /Groups filter on members answers 400 invalidFilter.',
  breaks: ['update-group-add-members/member-query-finds-group'],
  intercept: (req) =>
    isGroupsQuery(req) && /\bmembers\b/i.test(req.query.get('filter') ?? '')
      ? scimError(400, 'Filtering on members is not supported', 'invalidFilter')
      : undefined,
})
