import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'filter-returns-duplicates',
  summary: 'A /Users query lists every match twice (a join that multiplies rows).',
  // The first entry is the defect's main symptom: diagnose names its Entra consequence (DuplicateTargetEntries).
  breaks: ['get-user-by-query/finds-exactly-one', 'update-user-manager/reference-query-finds-manager'],
  rewriteResponse: (req, res) => {
    if (!isUsersQuery(req) || res.status !== 200) return res
    const body = bodyOf(res)
    const list = (body.Resources as unknown[]) ?? []
    return {
      ...res,
      body: { ...body, totalResults: list.length * 2, itemsPerPage: list.length * 2, Resources: [...list, ...list] },
    }
  },
})
