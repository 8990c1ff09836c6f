// A framework that negotiates on Accept: Entra sends none (MicrosoftDocs/azure-docs#94189), so it gets HTML and 406.
import { defineFault } from './define-fault.ts'
import { isUsersQuery } from './match.ts'

export default defineFault({
  id: 'query-requires-accept-header',
  summary: 'A /Users query without an Accept header answers 406 with an HTML page.',
  breaks: [
    'create-user/query-finds-nothing',
    'delete-user/query-omits-deleted-user',
    'get-user-by-query/finds-exactly-one',
    'test-connection/no-accept-header-needed',
    'test-connection/users-filter-responds-200',
    'update-user-manager/reference-query-finds-manager',
  ],
  rewriteResponse: (req, res) =>
    isUsersQuery(req) && res.status === 200 && !req.headers.accept
      ? {
          status: 406,
          headers: { 'Content-Type': 'text/html' },
          body: '<html><body><h1>406 Not Acceptable</h1></body></html>',
        }
      : res,
})
