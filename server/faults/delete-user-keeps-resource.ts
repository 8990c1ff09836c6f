// DELETE acknowledged but not carried out: the user stays readable and findable (RFC 7644 §3.6 says 404).
import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'delete-user-keeps-resource',
  summary: 'DELETE /Users/{id} answers 204 but keeps the user.',
  breaks: [
    'delete-user/delete-again-responds-404',
    'delete-user/get-after-delete-responds-404',
    'delete-user/query-omits-deleted-user',
    'delete-user/query-never-returns-deleted-as-active',
    'delete-user/restore-creates-user-again',
  ],
  intercept: (req) => (req.method === 'DELETE' && isUserById(req) ? { status: 204 } : undefined),
})
