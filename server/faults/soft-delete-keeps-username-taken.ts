// A soft delete that keeps the row's unique index: the deleted user is hidden, but its userName stays taken, so when
// the person is assigned again Entra's POST gets 409 and the user is never provisioned again.
import { defineFault } from './define-fault.ts'
import { softDelete } from './match.ts'

export default defineFault({
  id: 'soft-delete-keeps-username-taken',
  summary:
    'DELETE /Users/{id} hides the user but keeps its userName taken: creating the same userName again answers 409.',
  breaks: [
    'delete-user/get-after-delete-responds-404',
    'delete-user/delete-again-responds-404',
    'delete-user/restore-creates-user-again',
  ],
  policy: softDelete(false),
})
