// Echoing Entra's "True" string back: Microsoft's validator reports it cannot parse 'True' as Boolean.
import { defineFault } from './define-fault.ts'
import { mapUsers } from './match.ts'

export default defineFault({
  id: 'active-returned-as-string',
  summary: 'Users are returned with active as the string "True"/"False" instead of a boolean.',
  breaks: [
    'create-user/echoes-attributes',
    'create-user/response-is-valid-user',
    'disable-user/accepts-lower-case-string-booleans',
    'disable-user/get-returns-disabled-user',
    'disable-user/re-enables-user',
    'get-user-by-query/response-is-list-response',
    'get-user/returns-same-user',
    'query-existing-user/returns-valid-user',
  ],
  rewriteResponse: (_req, res) =>
    mapUsers(res, (u) => (typeof u.active === 'boolean' ? { ...u, active: u.active ? 'True' : 'False' } : u)),
})
