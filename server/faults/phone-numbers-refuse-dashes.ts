// A phone validator that allows only "+" and digits (and spaces): the validation Logic App's default phone value
// +1-555-xxxx (Initialization_Workflow.json) is refused, though Entra's directory values pass.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'phone-numbers-refuse-dashes',
  summary: 'POST and PUT /Users refuse a phone number holding a dash, such as +1-555-0123 (400 invalidValue).',
  breaks: ['validation-bodies/accepts-logic-app-user-body'],
  intercept: (req) => {
    if (!(
      (req.method === 'POST' && req.path === '/Users') ||
      (req.method === 'PUT' && /^\/Users\/[^/]+$/.test(req.path))
    ))
      return undefined
    const phones = (req.body as { phoneNumbers?: unknown } | undefined)?.phoneNumbers
    const dashed = Array.isArray(phones)
      ? phones.find(
          (p) => typeof (p as { value?: unknown })?.value === 'string' && (p as { value: string }).value.includes('-'),
        )
      : undefined
    return dashed
      ? scimError(
          400,
          `phoneNumbers value '${(dashed as { value: string }).value}' is not a valid phone number`,
          'invalidValue',
        )
      : undefined
  },
})
