// With aadOptscim062020 Entra removes a member by `members[value eq "…"]` (Microsoft's SCIM compliance article (aadOptscim062020), (d)).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

export default defineFault({
  id: 'member-filter-path-unsupported',
  summary: 'A group PATCH whose path carries a value filter answers 400 invalidPath.',
  breaks: [
    'update-group-remove-members/removes-the-member',
    'update-group-remove-members/removing-absent-member-keeps-group',
    'update-group-remove-members/responds-200-or-204',
    'update-group-remove-several-members/removes-exactly-those-members',
  ],
  dialects: ['aadOptscim062020'],
  intercept: (req) =>
    isGroupPatch(req) && operationsOf(req).some((o) => typeof o.path === 'string' && o.path.includes('['))
      ? scimError(400, 'Filters in path are not supported', 'invalidPath')
      : undefined,
})
