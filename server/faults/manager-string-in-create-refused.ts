// A strict body validator (directory-scimple #1242): the manager is complex in RFC 7643, so a POST carrying it as the
// plain id string Entra sends is refused, and the user is never created.
import { scimError } from '../http.ts'
import { ENTERPRISE } from '../patch.ts'
import { defineFault } from './define-fault.ts'
import { isCreateUser } from './match.ts'

export default defineFault({
  id: 'manager-string-in-create-refused',
  summary: 'POST /Users refuses a body whose enterprise extension carries "manager" as a plain id string (400).',
  breaks: ['update-user-manager/create-accepts-manager-string'],
  intercept: (req) => {
    const ext = isCreateUser(req) ? (req.body as Record<string, unknown> | undefined)?.[ENTERPRISE] : undefined
    return ext && typeof ext === 'object' && typeof (ext as { manager?: unknown }).manager === 'string'
      ? scimError(400, 'manager must be a complex attribute with a "value"', 'invalidValue')
      : undefined
  },
})
