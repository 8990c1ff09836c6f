import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'duplicate-username-allowed',
  summary: 'A second user with an existing userName is created instead of refused.',
  breaks: ['create-user/rejects-duplicate-username'],
  policy: { enforceUserNameUniqueness: false },
})
