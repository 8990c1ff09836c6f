// A server whose group PATCH applies displayName, externalId and members only: a replace of the description a group
// mapping adds answers 204 and changes nothing, with a path or path-less.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

const isDescription = (path: unknown): boolean => typeof path === 'string' && /^description$/i.test(path)

export default defineFault({
  id: 'group-description-patch-ignored',
  summary: 'A group PATCH on description answers success and changes nothing.',
  profile: 'entra-extended',
  breaks: ['update-group-non-member-attributes/updates-mapped-attributes'],
  intercept: (req) => {
    if (!isGroupPatch(req)) return undefined
    const ops = operationsOf(req)
    for (const op of ops)
      if (op.path === undefined && op.value && typeof op.value === 'object')
        for (const key of Object.keys(op.value))
          if (isDescription(key)) delete (op.value as Record<string, unknown>)[key]
    const body = req.body as { Operations?: unknown[] }
    if (Array.isArray(body.Operations))
      body.Operations = body.Operations.filter((o) => !isDescription((o as { path?: unknown }).path))
    // Nothing left to apply: the success answer the server gives anyway.
    return Array.isArray(body.Operations) && body.Operations.length === 0 ? { status: 204 } : undefined
  },
})
