// Treating `emails[type eq "work"].value` as "add an email of type work" leaves the old one first in the list.
import { defineFault } from './define-fault.ts'

const VALUE_PATH = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/i

export default defineFault({
  id: 'value-path-appends',
  summary: 'A replace on a filtered value path appends a new element instead of changing the matching one.',
  breaks: [
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/replaces-work-email',
    'update-user-multi-valued/replaces-work-locality',
    'update-user-multiple-operations/applies-every-operation',
  ],
  policy: {
    preparePatch: (ops) =>
      ops.map((o) => {
        const m = o.op === 'replace' && o.path ? VALUE_PATH.exec(o.path) : null
        return m ? { op: 'add' as const, path: m[1]!, value: [{ type: m[2]!, [m[3]!]: o.value }] } : o
      }),
  },
})
