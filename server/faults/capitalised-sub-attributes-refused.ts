// Attribute names compared with case (a hand-written path parser): name.FamilyName or emails[type eq "work"].Value is
// refused as an unknown path, though RFC 7643 §2.1 makes attribute names case-insensitive.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isPatchUser, patchTargets } from './match.ts'

const capitalisedSub = (path: string): boolean => /[.\]]\.?[A-Z]/.test(path.replace(/^urn:[^[]*:/i, ''))

export default defineFault({
  id: 'capitalised-sub-attributes-refused',
  summary:
    'PATCH refuses a path whose sub-attribute name is capitalised (name.FamilyName, emails[type eq "work"].Value) with 400 invalidPath.',
  breaks: ['update-user-capitalised-paths/applies-capitalised-sub-attributes'],
  intercept: (req) =>
    isPatchUser(req) && patchTargets(req).some((t) => capitalisedSub(t.path))
      ? scimError(400, 'unknown attribute path', 'invalidPath')
      : undefined,
})
