// An endpoint that restricts userType to its own list while /Schemas declares it a free string (no canonicalValues):
// Microsoft's SCIM Validator fills it with a random string and its Create a new User fails.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

const ALLOWED = ['employee', 'contractor', 'intern', 'vendor']

export default defineFault({
  id: 'user-type-restricted-undeclared',
  summary:
    'POST and PUT /Users refuse a userType other than Employee, Contractor, Intern or Vendor, which /Schemas does not declare as canonicalValues (400 invalidValue).',
  breaks: ['validation-bodies/accepts-validator-random-values'],
  intercept: (req) => {
    if (!(
      (req.method === 'POST' && req.path === '/Users') ||
      (req.method === 'PUT' && /^\/Users\/[^/]+$/.test(req.path))
    ))
      return undefined
    const type = (req.body as { userType?: unknown } | undefined)?.userType
    return typeof type === 'string' && !ALLOWED.includes(type.toLowerCase())
      ? scimError(400, `userType '${type}' is not one of Employee, Contractor, Intern, Vendor`, 'invalidValue')
      : undefined
  },
})
