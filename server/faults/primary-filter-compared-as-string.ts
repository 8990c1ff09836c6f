// A server whose PATCH library compares the filter's "True" as a string: roles[primary eq "True"] matches no element
// (primary is the boolean true), so the library appends a new one carrying the string — as an unpatched scim-patch does.
import { defineFault } from './define-fault.ts'

const PRIMARY_PATH = /^roles\[\s*primary\s+eq\s+"true"\s*\]\.(\w+)$/i

export default defineFault({
  id: 'primary-filter-compared-as-string',
  summary:
    'A PATCH on roles[primary eq "True"].<sub> appends an element with "primary": "True" (a string) instead of changing the primary role.',
  breaks: ['update-user-roles/updates-primary-role-by-value-path'],
  policy: {
    preparePatch: (ops) =>
      ops.map((o) => {
        const m = typeof o.path === 'string' ? PRIMARY_PATH.exec(o.path) : null
        return m ? { op: 'add', path: 'roles', value: [{ primary: 'True', [m[1]!]: o.value }] } : o
      }),
  },
})
