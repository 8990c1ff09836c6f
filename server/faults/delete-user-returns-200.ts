import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'delete-user-returns-200',
  summary: 'DELETE /Users/{id} answers 200 OK instead of 204 No Content.',
  breaks: ['delete-user/responds-204'],
  rewriteResponse: (req, res) =>
    req.method === 'DELETE' && isUserById(req) && res.status === 204 ? { status: 200, body: {} } : res,
})
