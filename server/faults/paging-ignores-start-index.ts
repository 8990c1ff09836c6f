import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'paging-ignores-start-index',
  summary: 'GET /Users ignores startIndex and always serves the first page (startIndex 1).',
  breaks: [
    'get-users-paged/echoes-start-index',
    'get-users-paged/returns-each-user-once',
    'get-users-paged/total-results-agrees',
    'list-groups/pages-with-start-index-and-count',
  ],
  policy: { page: (_startIndex, count) => ({ startIndex: 1, count }) },
})
