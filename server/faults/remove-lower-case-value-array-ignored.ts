// Azure was captured removing a member with a lower-case "remove" and a value array (apache/directory-scimple
// PR #447, 2023); a server that knows only the documented forms ("Remove" with a value array, or a value filter)
// answers it 204 and removes nobody.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

export default defineFault({
  id: 'remove-lower-case-value-array-ignored',
  summary:
    'A lower-case "remove" on "members" with a value array answers 204 and removes nobody (the capitalised "Remove" works).',
  breaks: ['update-group-remove-members/removes-by-lower-case-value-array'],
  intercept: (req) => {
    const ops = isGroupPatch(req) ? operationsOf(req) : []
    const captured = (o: (typeof ops)[number]) =>
      o.op === 'remove' && typeof o.path === 'string' && o.path.toLowerCase() === 'members' && Array.isArray(o.value)
    return ops.length > 0 && ops.every(captured) ? { status: 204 } : undefined
  },
})
