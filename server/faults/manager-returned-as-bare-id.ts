// Storing the manager as Entra sent it (a bare id) and returning it so: Entra cannot read it (Budibase #15369).
import { defineFault } from './define-fault.ts'
import { mapUsers } from './match.ts'

const EXT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export default defineFault({
  id: 'manager-returned-as-bare-id',
  summary: 'Users are returned with the manager as the bare id string instead of {"value": id}.',
  breaks: [
    'query-existing-user/returns-manager-as-object',
    'query-existing-user/returns-valid-user',
    'update-user-manager/returns-manager-as-object',
  ],
  rewriteResponse: (_req, res) =>
    mapUsers(res, (u) => {
      const ext = u[EXT] as { manager?: { value?: string } } | undefined
      return ext?.manager?.value ? { ...u, [EXT]: { ...ext, manager: ext.manager.value } } : u
    }),
})
