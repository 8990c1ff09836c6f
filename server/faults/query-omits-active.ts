// Microsoft's SCIM Validator: "Response from a GET and filter request … should have attribute active".
import { defineFault } from './define-fault.ts'
import { isUsersQuery, mapUsers } from './match.ts'

export default defineFault({
  id: 'query-omits-active',
  summary: 'Users found by a filter query are returned without the active attribute.',
  breaks: ['disable-user/filter-returns-disabled-user', 'query-existing-user/returns-active'],
  rewriteResponse: (req, res) => (isUsersQuery(req) ? mapUsers(res, ({ active: _active, ...rest }) => rest) : res),
})
