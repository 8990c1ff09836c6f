// Users can be found by query but not by id: Entra's later reads fail with InvalidAnchor.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'get-user-by-id-missing',
  summary: 'GET /Users/{id} answers 404 even for users that exist.',
  breaks: ['get-user/responds-200', 'get-user/returns-same-user'],
  rewriteResponse: (req, res) => (req.method === 'GET' && isUserById(req) && res.status === 200 ? scimError(404, 'Not found') : res),
})
