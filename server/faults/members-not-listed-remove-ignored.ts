// The same unlisted members, and a removal answered 204 that keeps the member: the removed user keeps the group's
// access, which only the membership query can show (the list is empty either way).
import { defineFault } from './define-fault.ts'
import membersNotListed from './members-not-listed.ts'
import removeMemberIgnored from './remove-member-ignored.ts'

export default defineFault({
  id: 'members-not-listed-remove-ignored',
  summary: 'Groups do not list their members, and a PATCH removing a member answers 204 and keeps it.',
  breaks: [
    'update-group-add-members/lists-members',
    'update-group-remove-members/removes-by-lower-case-value-array',
    'update-group-remove-members/removes-the-member',
    'update-group-remove-several-members/removes-exactly-those-members',
    'validation-groups/filter-lists-members',
  ],
  ...(membersNotListed.rewriteResponse ? { rewriteResponse: membersNotListed.rewriteResponse } : {}),
  ...(removeMemberIgnored.intercept ? { intercept: removeMemberIgnored.intercept } : {}),
})
