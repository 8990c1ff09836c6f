// A member-removal handler written for one member at a time: of a value array it reads the first element, and of
// several remove operations in one PATCH it applies the first; the other members keep the group's access.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, onMembers, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'removes-only-first-of-several-members',
  summary:
    'A group PATCH removes only the first member it names (the first of a value array, the first remove operation).',
  breaks: ['update-group-remove-several-members/removes-exactly-those-members'],
  intercept: (req) => {
    if (!isGroupPatch(req)) return undefined
    const body = req.body as { Operations?: unknown[] }
    const removals = operationsOf(req).filter((o) => opIs(o, 'remove') && onMembers(o))
    for (const o of removals) if (Array.isArray(o.value)) o.value = o.value.slice(0, 1)
    if (removals.length > 1 && Array.isArray(body.Operations))
      body.Operations = body.Operations.filter((o) => !removals.slice(1).includes(o as never))
    return undefined
  },
})
