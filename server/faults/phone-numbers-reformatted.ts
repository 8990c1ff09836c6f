// Reformatting values makes Entra re-send them every cycle (Microsoft's SCIM tutorial: "don't reformat phone numbers").
import { defineFault } from './define-fault.ts'
import { mapUsers } from './match.ts'

export default defineFault({
  id: 'phone-numbers-reformatted',
  summary: 'Phone numbers come back reformatted (+ as 00, spaces as dashes).',
  breaks: [
    'create-user/echoes-attributes',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/adds-missing-mobile-phone',
  ],
  rewriteResponse: (_req, res) =>
    mapUsers(res, (u) =>
      Array.isArray(u.phoneNumbers)
        ? {
            ...u,
            phoneNumbers: u.phoneNumbers.map((p: { value?: string }) => ({
              ...p,
              value: p.value?.replace(/^\+/, '00').replace(/ /g, '-'),
            })),
          }
        : u,
    ),
})
