// POST /Groups creates the group but answers without its id: Entra cannot address the group again, and every later
// group request is blocked by create-group/returns-id (the other group checks carry no fix of their own).
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'create-group-omits-id',
  summary: "POST /Groups answers 201 without the new group's id.",
  breaks: ['create-group/returns-id'],
  rewriteResponse: (req, res) => {
    if (req.method !== 'POST' || req.path !== '/Groups' || res.status !== 201) return res
    const { id: _id, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
