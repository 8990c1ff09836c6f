// An "idempotent" DELETE that answers 204 for any id: a client cannot tell a deleted user from a live one.
import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'delete-unknown-user-returns-204',
  summary: 'DELETE /Users/{id} answers 204 for an id that does not exist.',
  breaks: ['delete-user/delete-again-responds-404'],
  rewriteResponse: (req, res) =>
    req.method === 'DELETE' && isUserById(req) && res.status === 404 ? { status: 204 } : res,
})
