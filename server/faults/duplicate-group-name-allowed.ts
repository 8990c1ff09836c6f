// RFC 7643 lets group displayNames repeat; Entra matches groups on displayName, so Microsoft's validator asks for 409.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'duplicate-group-name-allowed',
  summary: 'A second group with an existing displayName is created instead of refused.',
  breaks: ['create-group/rejects-duplicate-display-name'],
  policy: { enforceGroupNameUniqueness: false },
})
