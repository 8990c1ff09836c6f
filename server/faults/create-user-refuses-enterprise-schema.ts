// A create validator that knows only the core User schema: Entra's POST lists the enterprise extension in "schemas"
// (Microsoft's SCIM tutorial, Create User), so no user is ever created and everything after the create is blocked.
import { scimError } from '../http.ts'
import { ENTERPRISE } from '../patch.ts'
import { defineFault } from './define-fault.ts'
import { isCreateUser } from './match.ts'

export default defineFault({
  id: 'create-user-refuses-enterprise-schema',
  summary: 'POST /Users refuses a body whose "schemas" lists the enterprise extension (400 invalidValue).',
  breaks: ['create-user/accepts-entra-body', 'update-user-roles/create-stores-role'],
  intercept: (req) => {
    const schemas = isCreateUser(req) ? (req.body as { schemas?: unknown } | undefined)?.schemas : undefined
    return Array.isArray(schemas) && schemas.includes(ENTERPRISE)
      ? scimError(400, `Unknown schema ${ENTERPRISE}`, 'invalidValue')
      : undefined
  },
})
