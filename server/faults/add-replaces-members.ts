// Treats Add on members as Replace: each PATCH leaves only the members it named.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, onMembers, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'add-replaces-members',
  summary: 'A PATCH adding members replaces the member list instead of appending to it.',
  breaks: [
    'update-group-add-members/keeps-existing-members',
    'update-group-add-members/adding-existing-member-succeeds',
    'large-group/keeps-all-members',
  ],
  intercept: (req) => {
    if (isGroupPatch(req)) for (const o of operationsOf(req)) if (opIs(o, 'add') && onMembers(o)) o.op = 'replace'
    return undefined
  },
})
