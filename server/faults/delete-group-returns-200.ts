import { defineFault } from './define-fault.ts'
import { isGroupById } from './match.ts'

export default defineFault({
  id: 'delete-group-returns-200',
  summary: 'DELETE /Groups/{id} answers 200 with a message body instead of 204 No Content.',
  breaks: ['delete-group/responds-204'],
  rewriteResponse: (req, res) =>
    req.method === 'DELETE' && isGroupById(req) && res.status === 204 ? { status: 200, body: { deleted: true } } : res,
})
