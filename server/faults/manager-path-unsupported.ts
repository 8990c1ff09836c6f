// The tutorial's manager example uses the bare path "manager"; a server that knows only the URN path refuses it.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'manager-path-unsupported',
  summary: 'PATCH refuses the bare path "manager" (400 invalidPath); only the enterprise URN path works.',
  breaks: ['update-user-manager/responds-200-or-204'],
  intercept: (req) =>
    isPatchUser(req) && patchTargets(req).some((t) => /^manager$/i.test(t.path))
      ? scimError(400, 'No attribute "manager" in the core User schema', 'invalidPath')
      : undefined,
})
