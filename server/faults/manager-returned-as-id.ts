// Entra sends the manager as a bare id; a server that stores and returns it that way breaks the read-back (I12).
import { defineFault } from './define-fault.ts'
import { mapUsers } from './match.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export default defineFault({
  id: 'manager-returned-as-id',
  summary: 'Users are returned with the enterprise manager as a bare id string instead of {"value": id}.',
  breaks: ['query-existing-user/returns-valid-user', 'query-existing-user/returns-manager-as-object'],
  rewriteResponse: (_req, res) =>
    mapUsers(res, (u) => {
      const ext = u[ENTERPRISE] as { manager?: { value?: unknown } } | undefined
      if (!ext?.manager || typeof ext.manager !== 'object') return u
      return { ...u, [ENTERPRISE]: { ...ext, manager: ext.manager.value } }
    }),
})
