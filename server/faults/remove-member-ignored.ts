import { defineFault } from './define-fault.ts'
import { isGroupPatch, onMembers, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'remove-member-ignored',
  summary: 'A PATCH removing members answers 204 and removes nobody.',
  breaks: [
    'update-group-remove-members/removes-by-lower-case-value-array',
    'update-group-remove-members/removes-the-member',
    'update-group-remove-several-members/removes-exactly-those-members',
  ],
  intercept: (req) => {
    const ops = isGroupPatch(req) ? operationsOf(req) : []
    return ops.length > 0 && ops.every((o) => opIs(o, 'remove') && onMembers(o)) ? { status: 204 } : undefined
  },
})
