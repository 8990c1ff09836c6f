// A parser that knows Entra's default "True"/"False" but not the lower-case strings a customised active expression
// emits (scimmy #86): the unassigned user's disable is refused with 400 and the user keeps access.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'lower-case-string-booleans-refused',
  summary:
    'Booleans are read from JSON booleans and the strings "True"/"False" only: "false" and "true" are refused (400).',
  dialects: ['legacy'],
  breaks: ['disable-user/accepts-lower-case-string-booleans'],
  policy: {
    parseBoolean: (value) =>
      typeof value === 'boolean' ? value : value === 'True' ? true : value === 'False' ? false : undefined,
  },
})
