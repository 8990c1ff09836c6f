// A filter parser that reads "(" inside a quoted value as grouping: Microsoft's validation names groups LACreateGroup-(<8 hex>).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'display-name-filter-breaks-on-parentheses',
  summary: 'A /Groups filter whose quoted value holds a parenthesis answers 400 invalidFilter.',
  breaks: ['validation-groups/finds-name-with-parentheses'],
  intercept: (req) =>
    isGroupsQuery(req) && /"[^"]*[()][^"]*"/.test(req.query.get('filter') ?? '')
      ? scimError(400, 'Unbalanced parentheses in filter', 'invalidFilter')
      : undefined,
})
