// Acknowledges a rename and keeps the old name: Entra logs success and re-sends the rename every cycle.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

const isDisplayName = (path: unknown): boolean => typeof path === 'string' && /^displayName$/i.test(path)

export default defineFault({
  id: 'group-rename-ignored',
  summary: 'A group PATCH answers 204 but leaves displayName unchanged, with a path or path-less.',
  breaks: ['update-group-non-member-attributes/renames-group'],
  intercept: (req) => {
    if (!isGroupPatch(req)) return undefined
    const kept = operationsOf(req).filter((o) => !isDisplayName(o.path))
    for (const o of kept)
      if (o.path === undefined && o.value && typeof o.value === 'object')
        delete (o.value as Record<string, unknown>).displayName
    const left = kept.filter(
      (o) => o.path !== undefined || Object.keys((o.value as object | undefined) ?? {}).length > 0,
    )
    if (left.length === 0) return { status: 204 }
    ;(req.body as { Operations: unknown[] }).Operations = left
    return undefined
  },
})
