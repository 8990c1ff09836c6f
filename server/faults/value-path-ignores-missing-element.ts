// RFC 7644 §3.5.2.3 treats a replace of a missing target as an add; this server only edits elements it has.
import { defineFault } from './define-fault.ts'

const VALUE_PATH = /^(\w+)\[type eq "([^"]+)"\]/i

export default defineFault({
  id: 'value-path-ignores-missing-element',
  summary: 'A replace on a filtered value path with no matching element does nothing (the element is not created).',
  breaks: ['update-user-multi-valued/adds-missing-mobile-phone'],
  policy: {
    preparePatch: (ops, user) =>
      ops.filter((o) => {
        const m = o.op !== 'remove' && o.path ? VALUE_PATH.exec(o.path) : null
        const list = m ? user[m[1]!] : undefined
        return (
          !m ||
          (Array.isArray(list) &&
            list.some((e: { type?: unknown }) => String(e?.type).toLowerCase() === m[2]!.toLowerCase()))
        )
      }),
  },
})
