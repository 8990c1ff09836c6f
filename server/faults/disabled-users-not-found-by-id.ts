// Soft-deleting on disable: GET by id answers 404, which Entra reads as a lost anchor.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf, isUserById } from './match.ts'

export default defineFault({
  id: 'disabled-users-not-found-by-id',
  summary: 'GET /Users/{id} answers 404 for a user with active false.',
  breaks: ['disable-user/accepts-lower-case-string-booleans', 'disable-user/get-returns-disabled-user'],
  rewriteResponse: (req, res) =>
    req.method === 'GET' && isUserById(req) && res.status === 200 && bodyOf(res).active === false
      ? scimError(404, 'Not found')
      : res,
})
