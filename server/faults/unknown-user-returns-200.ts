import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'unknown-user-returns-200',
  summary: 'GET /Users/{id} for an id that does not exist answers 200 with an empty object.',
  breaks: ['delete-user/get-after-delete-responds-404', 'get-user/unknown-id-responds-404'],
  rewriteResponse: (req, res) =>
    req.method === 'GET' && isUserById(req) && res.status === 404 ? { status: 200, body: {} } : res,
})
