import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'list-response-without-total',
  summary: '/Users query answers leave out totalResults, which RFC 7644 §3.4.2 requires.',
  breaks: [
    'create-user/query-finds-nothing',
    'delete-user/query-omits-deleted-user',
    'get-user-by-query/finds-exactly-one',
    'get-user-by-query/response-is-list-response',
    'test-connection/users-filter-returns-empty-list',
    'update-user-manager/reference-query-finds-manager',
  ],
  rewriteResponse: (req, res) => {
    if (!isUsersQuery(req) || res.status !== 200) return res
    const { totalResults: _total, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
