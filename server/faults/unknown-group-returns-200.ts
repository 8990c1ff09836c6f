import { defineFault } from './define-fault.ts'
import { isGroupById } from './match.ts'

export default defineFault({
  id: 'unknown-group-returns-200',
  summary: 'GET /Groups/{id} for an id that does not exist answers 200 with an empty object.',
  breaks: ['get-group/unknown-id-responds-404', 'delete-group/get-after-delete-responds-404'],
  rewriteResponse: (req, res) =>
    req.method === 'GET' && isGroupById(req) && res.status === 404 ? { status: 200, body: {} } : res,
})
