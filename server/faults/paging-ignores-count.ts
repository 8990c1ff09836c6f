import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'paging-ignores-count',
  summary: 'GET /Users ignores count and returns every user from startIndex on.',
  breaks: [
    'get-users-paged/honours-count',
    'get-users-paged/returns-each-user-once',
    'get-users-paged/total-results-agrees',
    'list-groups/pages-with-start-index-and-count',
  ],
  policy: { page: (startIndex) => ({ startIndex, count: Number.MAX_SAFE_INTEGER }) },
})
