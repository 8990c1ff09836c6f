// "" clears a core attribute but is skipped on an enterprise-extension attribute (a server that stores the extension
// apart and only handles null there): department and the manager keep their value, and Entra re-sends the clear.
import { defineFault } from './define-fault.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user'
const onExtension = (path: string): boolean => path.toLowerCase().startsWith(`${ENTERPRISE}:`)
const blank = (v: unknown): boolean =>
  v === '' || (!!v && typeof v === 'object' && !Array.isArray(v) && (v as { value?: unknown }).value === '')

export default defineFault({
  id: 'empty-clear-ignored-on-extension',
  summary:
    'A replace with "" clears core attributes but leaves enterprise-extension attributes (department, manager) unchanged; null clears both.',
  breaks: [
    'update-user-empty-values/clears-with-empty-string',
    'update-user-manager/clears-manager-by-replace-with-empty-string',
  ],
  policy: {
    preparePatch: (ops) =>
      ops
        .filter((o) => !(o.path && onExtension(o.path) && blank(o.value)))
        .map((o) => {
          if (o.path || !o.value || typeof o.value !== 'object' || Array.isArray(o.value)) return o
          const kept: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(o.value)) {
            if (onExtension(k) && blank(v)) continue
            if (k.toLowerCase() === ENTERPRISE && v && typeof v === 'object' && !Array.isArray(v))
              kept[k] = Object.fromEntries(Object.entries(v).filter(([, sub]) => !blank(sub)))
            else kept[k] = v
          }
          return { ...o, value: kept }
        }),
  },
})
