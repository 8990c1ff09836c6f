// SCIMMY's defect: an add on a filtered value path whose element does not exist yet is refused, so Entra's one-PATCH
// update (which adds the mobile number alongside five replaces) fails as a whole. RFC 7644 §3.5.2.1 adds a target
// location that does not exist; noTarget is for replace and remove. Sent alone, every other operation is applied,
// so only the check of that operation fails: the multi-operation isolation is what this fault proves.
import { fail } from '../http.ts'
import { defineFault } from './define-fault.ts'

const VALUE_PATH = /^(\w+)\[type eq "([^"]+)"\]/i

export default defineFault({
  id: 'value-path-add-refused-without-element',
  summary:
    'A PATCH with an add on a filtered value path that matches no element is refused with 400 noTarget, with all its other operations.',
  breaks: ['update-user-multi-valued/adds-missing-mobile-phone'],
  policy: {
    preparePatch: (ops, user) => {
      for (const o of ops) {
        const m = o.op === 'add' && o.path ? VALUE_PATH.exec(o.path) : null
        const list = m ? user[m[1]!] : undefined
        if (
          m &&
          !(
            Array.isArray(list) &&
            list.some((e: { type?: unknown }) => String(e?.type).toLowerCase() === m[2]!.toLowerCase())
          )
        ) {
          fail(400, `${o.path} does not match any values`, 'noTarget')
        }
      }
      return ops
    },
  },
})
