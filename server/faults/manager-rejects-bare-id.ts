// A strict complex-type parser refuses the plain string Entra sends as the manager (SCIM-SDK #686).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isManagerPath, isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'manager-rejects-bare-id',
  summary: 'PATCH refuses a manager given as a bare id string (400), accepting only {"value": id}.',
  breaks: ['update-user-manager/responds-200-or-204'],
  intercept: (req) =>
    isPatchUser(req) &&
    patchTargets(req).some((t) => isManagerPath(t.path) && typeof t.value === 'string' && t.value !== '')
      ? scimError(400, 'manager must be a complex value', 'invalidValue')
      : undefined,
})
