// Entra finds groups only by displayName (Microsoft's SCIM tutorial, requirement 4); a /Groups endpoint without that filter cannot match any.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'display-name-filter-unsupported',
  summary: 'A /Groups filter on displayName answers 400 invalidFilter.',
  breaks: [
    'test-connection/groups-filter-responds-200',
    'create-group/query-finds-nothing',
    'get-group-by-display-name/finds-exactly-one',
    'get-group-by-display-name/matches-case-insensitively',
    'validation-groups/finds-name-with-parentheses',
  ],
  intercept: (req) =>
    isGroupsQuery(req) && /displayName/i.test(req.query.get('filter') ?? '')
      ? scimError(400, 'Filtering on displayName is not supported', 'invalidFilter')
      : undefined,
})
