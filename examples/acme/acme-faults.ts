// Acme's proof that its checks can fail: each fault is one defect of the reference endpoint, declaring the checks it
// breaks. proof.spec.ts starts the reference endpoint with each and sees exactly those checks fail.
import { defineFault } from 'scim-preflight/checks'
import { ACME } from './acme-checks.ts'

const isUserPatch = (req: { method: string; path: string }): boolean =>
  req.method === 'PATCH' && /^\/Users\/[^/]+$/.test(req.path)

export const badgeUpdateIgnored = defineFault({
  id: 'acme-badge-update-ignored',
  summary: 'A PATCH of the badge number answers success and changes nothing.',
  breaks: ['acme/badge-round-trip'],
  intercept(req) {
    if (!isUserPatch(req)) return undefined
    const ops = (req.body as { Operations?: { path?: string; value?: unknown }[] }).Operations ?? []
    for (const op of ops) {
      if (op.path?.startsWith(ACME)) op.path = 'urn:ietf:params:scim:schemas:extension:Ignored:2.0:User:x'
      if (op.value && typeof op.value === 'object')
        for (const key of Object.keys(op.value))
          if (key.startsWith(ACME)) delete (op.value as Record<string, unknown>)[key]
    }
    return undefined
  },
})

export const seatQueryIgnoresActive = defineFault({
  id: 'acme-seat-query-ignores-active',
  summary: 'A filter\'s "and active eq true" clause is ignored, so disabled users are listed as seats.',
  breaks: ['acme/disabled-users-free-their-seat'],
  intercept(req) {
    const filter = req.query.get('filter')
    if (req.method === 'GET' && filter) req.query.set('filter', filter.replace(/\s+and\s+active\s+eq\s+true$/i, ''))
    return undefined
  },
})
