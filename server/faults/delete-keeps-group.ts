import { defineFault } from './define-fault.ts'
import { isGroupById } from './match.ts'

export default defineFault({
  id: 'delete-keeps-group',
  summary: 'DELETE /Groups/{id} answers 204 but the group stays.',
  breaks: ['delete-group/get-after-delete-responds-404', 'delete-group/second-delete-responds-404'],
  intercept: (req) => (req.method === 'DELETE' && isGroupById(req) ? { status: 204 } : undefined),
})
