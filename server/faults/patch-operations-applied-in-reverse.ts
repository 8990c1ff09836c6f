// RFC 7644 §3.5.2: operations are applied in the order they appear; this server walks them backwards.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'patch-operations-applied-in-reverse',
  summary: 'PATCH applies its operations last to first.',
  breaks: ['update-user-multiple-operations/applies-operations-in-order'],
  policy: { preparePatch: (ops) => [...ops].reverse() },
})
