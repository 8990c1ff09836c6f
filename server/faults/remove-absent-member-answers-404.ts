// A 404 on PATCH /Groups/{id} tells Entra the group itself is gone.
import { fail } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'remove-absent-member-answers-404',
  summary: 'Removing a user who is not a member answers 404.',
  breaks: ['update-group-remove-members/removing-absent-member-keeps-group'],
  policy: {
    unchangedMember: (change, id) => {
      if (change === 'remove-absent') fail(404, `${id} is not a member of this group`)
    },
  },
})
