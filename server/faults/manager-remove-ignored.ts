// A remove without a value is read as "nothing to remove", so the manager stays.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'manager-remove-ignored',
  summary: 'A remove on the manager without a value is accepted and ignored.',
  breaks: ['update-user-manager/clears-manager-by-remove'],
  policy: {
    preparePatch: (ops) =>
      ops.filter((o) => !(o.op === 'remove' && o.path && /(^|:)manager$/i.test(o.path) && o.value === undefined)),
  },
})
