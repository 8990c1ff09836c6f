import { fail } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'add-existing-member-conflicts',
  summary: 'Adding a user who is already a member answers 409 instead of succeeding without change.',
  breaks: ['update-group-add-members/adding-existing-member-succeeds'],
  policy: {
    unchangedMember: (change, id) => {
      if (change === 'add-existing') fail(409, `${id} is already a member`, 'uniqueness')
    },
  },
})
