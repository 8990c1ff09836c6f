// A server that lower-cases userName and email addresses on the way in: the same values for SCIM (caseExact false),
// so nothing Entra does breaks, but the app no longer shows them as the directory does.
import { defineFault } from './define-fault.ts'
import { isCreateUser } from './match.ts'

const lower = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v)

export default defineFault({
  id: 'user-names-lower-cased',
  summary: 'userName and email values are stored lower-cased.',
  breaks: ['create-user/keeps-letter-case'],
  intercept: (req) => {
    const body = req.body as Record<string, unknown> | undefined
    if (isCreateUser(req) && body && typeof body === 'object') {
      body.userName = lower(body.userName)
      if (Array.isArray(body.emails))
        body.emails = body.emails.map((e: Record<string, unknown>) => ({ ...e, value: lower(e?.value) }))
    }
    return undefined
  },
})
