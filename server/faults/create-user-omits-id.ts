import { defineFault } from './define-fault.ts'
import { bodyOf, isCreateUser } from './match.ts'

export default defineFault({
  id: 'create-user-omits-id',
  summary: "POST /Users answers 201 without the new user's id.",
  breaks: ['create-user/response-is-valid-user', 'create-user/returns-id', 'update-user-roles/create-stores-role'],
  rewriteResponse: (req, res) => {
    if (!isCreateUser(req) || res.status !== 201) return res
    const { id: _id, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
