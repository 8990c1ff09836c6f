// A server keyed on the email address (a common "login = email" design): a second user with a taken userName gets in
// as long as its email is new, and Entra's match query on userName then finds two users.
import { defineFault } from './define-fault.ts'

const workEmail = (u: Record<string, unknown>): string | undefined => {
  const emails = Array.isArray(u.emails) ? (u.emails as { value?: unknown; type?: unknown }[]) : []
  const value = (emails.find((e) => e?.type === 'work') ?? emails[0])?.value
  return typeof value === 'string' ? value.toLowerCase() : undefined
}

export default defineFault({
  id: 'uniqueness-on-email',
  summary:
    'Users are unique on their email address instead of userName: the same userName with a new email is created.',
  breaks: ['create-user/rejects-duplicate-username'],
  policy: {
    uniquenessClash: (user, users) => {
      const email = workEmail(user)
      return email === undefined ? undefined : users.all().find((u) => u.id !== user.id && workEmail(u) === email)
    },
  },
})
