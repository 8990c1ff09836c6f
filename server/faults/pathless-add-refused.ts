// A PATCH parser that requires a path on every add (reading RFC 7644 §3.5.2.1's path-less form as replace-only):
// Entra's path-less add with dotted and URN keys is refused with 400, and the update is retried every cycle.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isPatchUser, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'pathless-add-refused',
  summary: 'A PATCH add without a path is refused (400 noTarget).',
  dialects: ['aadOptscim062020'],
  breaks: ['update-user-pathless-add/responds-200-or-204'],
  intercept: (req) =>
    isPatchUser(req) && operationsOf(req).some((o) => opIs(o, 'add') && o.path === undefined)
      ? scimError(400, 'add needs a path', 'noTarget')
      : undefined,
})
