// Skipping "blank" values on update keeps the old value: Entra re-sends the clear every cycle.
import { defineFault } from './define-fault.ts'

const blank = (v: unknown): boolean =>
  v === '' || (!!v && typeof v === 'object' && (v as { value?: unknown }).value === '')

export default defineFault({
  id: 'empty-string-update-ignored',
  summary: 'Operations whose value is "" are skipped, so the attribute keeps its old value.',
  breaks: [
    'update-user-empty-values/clears-with-empty-string',
    'update-user-manager/clears-manager-by-replace-with-empty-string',
  ],
  policy: {
    preparePatch: (ops) =>
      ops
        .filter((o) => !(o.path && blank(o.value)))
        .map((o) =>
          o.path || !o.value || typeof o.value !== 'object'
            ? o
            : { ...o, value: Object.fromEntries(Object.entries(o.value).filter(([, v]) => !blank(v))) },
        ),
  },
})
