// A server whose code for a complex manager value dereferences a field it never set: the PATCH that gives the manager
// as {"value": id} answers 500 every time, alone or not, on any user. A crash of one request shape, not a passing
// server error: the suite re-sends it once, alone, on a fresh user, sees it come back, and fails the manager update.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isManagerPath, isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'manager-value-object-crashes',
  summary: 'A PATCH giving the manager as {"value": id} answers 500 every time; a bare id and the other forms work.',
  breaks: ['update-user-manager/sets-manager-from-value-object'],
  intercept: (req) =>
    isPatchUser(req) &&
    patchTargets(req).some(
      (t) => isManagerPath(t.path) && !!t.value && typeof t.value === 'object' && !Array.isArray(t.value),
    )
      ? scimError(500, 'Object reference not set to an instance of an object (ManagerValue.Id)')
      : undefined,
})
