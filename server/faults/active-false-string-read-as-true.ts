// Legacy Entra disables with the string "False" (Microsoft's SCIM compliance article (aadOptscim062020)); a truthiness test reads any non-empty string as true.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'active-false-string-read-as-true',
  summary: 'active "False" (a string) is read as true, so a legacy disable leaves the user active.',
  dialects: ['legacy'],
  breaks: ['disable-user/accepts-lower-case-string-booleans', 'disable-user/get-returns-disabled-user'],
  policy: {
    parseBoolean: (value) =>
      typeof value === 'boolean' ? value : typeof value === 'string' ? value !== '' : undefined,
  },
})
