import { defineFault } from './define-fault.ts'
import { isCreateUser } from './match.ts'

export default defineFault({
  id: 'create-user-returns-200',
  summary: 'POST /Users answers 200 OK instead of 201 Created.',
  breaks: ['create-user/responds-201'],
  rewriteResponse: (req, res) => (isCreateUser(req) && res.status === 201 ? { ...res, status: 200 } : res),
})
