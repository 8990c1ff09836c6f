// A server without app roles that validates strictly: any POST or PATCH carrying a role is refused, so a tenant that
// maps roles cannot provision anyone.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isCreateUser, isPatchUser, patchTargets } from './match.ts'

const hasRoles = (v: unknown): boolean => Array.isArray(v) && v.length > 0

export default defineFault({
  id: 'roles-refused',
  summary: 'POST and PATCH refuse roles (400 invalidValue).',
  breaks: [
    'update-user-roles/adds-stringified-roles',
    'update-user-roles/create-stores-role',
    'update-user-roles/replace-sets-role-set',
  ],
  intercept: (req) => {
    const refused =
      (isCreateUser(req) && hasRoles((req.body as { roles?: unknown } | undefined)?.roles)) ||
      (isPatchUser(req) && patchTargets(req).some((t) => /^roles/i.test(t.path)))
    return refused ? scimError(400, 'roles are not supported', 'invalidValue') : undefined
  },
})
