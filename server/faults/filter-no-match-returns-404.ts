// The commonest quarantine cause Microsoft names: 404 where a query matched nothing.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'filter-no-match-returns-404',
  summary: 'A /Users filter that matches nobody answers 404 instead of 200 with an empty ListResponse.',
  breaks: [
    'create-user/query-finds-nothing',
    'delete-user/query-omits-deleted-user',
    'test-connection/users-filter-responds-200',
    'update-user-manager/reference-query-finds-manager',
  ],
  rewriteResponse: (req, res) =>
    isUsersQuery(req) && res.status === 200 && bodyOf(res).totalResults === 0 ? scimError(404, 'User not found') : res,
})
