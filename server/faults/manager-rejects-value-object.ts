// A server that models the manager as a plain id column and refuses anything else. {"value": id} is the form of
// Microsoft's validation, not of the running service: a Gallery warning, and the default run passes.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isManagerPath, isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'manager-rejects-value-object',
  summary: 'PATCH refuses a manager given as {"value": id} (400), accepting only a bare id or a list.',
  breaks: ['update-user-manager/sets-manager-from-value-object'],
  intercept: (req) =>
    isPatchUser(req) &&
    patchTargets(req).some(
      (t) => isManagerPath(t.path) && !!t.value && typeof t.value === 'object' && !Array.isArray(t.value),
    )
      ? scimError(400, 'manager must be a user id', 'invalidValue')
      : undefined,
})
