// Deactivation treated as final: a user coming back into scope is never re-enabled.
import { defineFault } from './define-fault.ts'
import { isPatchUser, patchTargets } from './match.ts'

export default defineFault({
  id: 'reenable-ignored',
  summary: 'A PATCH setting active to true answers 204 and changes nothing.',
  breaks: ['disable-user/accepts-lower-case-string-booleans', 'disable-user/re-enables-user'],
  intercept: (req) =>
    isPatchUser(req) &&
    patchTargets(req).some((t) => /^active$/i.test(t.path) && String(t.value).toLowerCase() === 'true')
      ? { status: 204 }
      : undefined,
})
