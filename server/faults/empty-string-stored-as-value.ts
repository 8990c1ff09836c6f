// Only null clears: "" is kept as a value, and as a manager id it is refused.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'empty-string-stored-as-value',
  summary: '"" in a PATCH is treated as a literal value rather than as clearing the attribute.',
  breaks: ['update-user-manager/clears-manager-by-replace-with-empty-string'],
  policy: { clearsAttribute: (value) => value === null },
})
