import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'duplicate-username-without-scim-type',
  summary: 'The 409 for a duplicate userName carries no scimType "uniqueness".',
  breaks: ['create-user/duplicate-carries-scim-type'],
  rewriteResponse: (_req, res) => {
    if (res.status !== 409) return res
    const { scimType: _scimType, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
