// Soft delete, which Microsoft's gallery requirements allow: the deleted user is hidden from queries and its userName
// is free again, so Entra can match and re-create; only the RFC's reads after a DELETE warn.
import { defineFault } from './define-fault.ts'
import { softDelete } from './match.ts'

export default defineFault({
  id: 'delete-user-soft-deletes',
  summary:
    'DELETE /Users/{id} marks the user inactive and hides it from queries; GET by id still serves it, and a second DELETE answers 204.',
  breaks: ['delete-user/get-after-delete-responds-404', 'delete-user/delete-again-responds-404'],
  policy: softDelete(true),
})
