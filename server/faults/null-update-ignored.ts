// "if (value == null) continue": null is read as "no change" instead of "unassigned" (RFC 7643 §2.5).
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'null-update-ignored',
  summary: 'Operations whose value is null are skipped, so the attribute keeps its old value.',
  breaks: ['update-user-empty-values/clears-with-null'],
  policy: {
    preparePatch: (ops) =>
      ops
        .filter((o) => !(o.path && o.value === null))
        .map((o) =>
          o.path || !o.value || typeof o.value !== 'object'
            ? o
            : { ...o, value: Object.fromEntries(Object.entries(o.value).filter(([, v]) => v !== null)) },
        ),
  },
})
