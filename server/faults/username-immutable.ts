// A server that keys accounts on userName refuses renames, though RFC 7643 §4.1.1 makes userName readWrite.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'username-immutable',
  summary: 'PATCH refuses to change userName (400 mutability).',
  breaks: ['update-user-single-valued/responds-200-or-204'],
  intercept: (req) =>
    isPatchUser(req) && patchTargets(req).some((t) => /^userName$/i.test(t.path))
      ? scimError(400, 'userName cannot be changed', 'mutability')
      : undefined,
})
