// Listing groups page by page (RFC 7644 §3.4.2.4), which Microsoft lists among its requirements and its validation
// Logic App checks. Other flows create groups at the same time, so only page shape is judged, never totals.
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { listResources } from '../../helpers/steps/requests.ts'
import { expectEqual, expectJsonBody, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

const COUNT = 2

export default defineFlow({
  id: 'list-groups',
  title: 'List Groups with paging',
  writes: true,
  groups: true,
  async run(ctx) {
    for (let i = 0; i < COUNT + 1; i++) requireGroupId(ctx, await createGroup(ctx))
    const page = (startIndex: number) =>
      ctx.scim.get('/Groups', {
        query: [
          ['excludedAttributes', 'members'],
          ['startIndex', String(startIndex)],
          ['count', String(COUNT)],
        ],
      })
    const first = await page(1)
    const second = await page(1 + COUNT)
    await ctx.check('list-groups/pages-with-start-index-and-count', () => {
      for (const [ex, startIndex] of [
        [first, 1],
        [second, 1 + COUNT],
      ] as const) {
        expectStatus(ex, 200)
        const body = expectJsonBody<{ startIndex?: unknown; totalResults?: unknown }>(ex)
        expectEqual(ex, 'startIndex', body.startIndex, startIndex)
        const n = listResources(ex).length
        expectTrue(ex, n <= COUNT, `count=${COUNT} was asked, but the page holds ${n} groups`, `at most ${COUNT}`, n)
        // At least COUNT + 1 groups exist (this flow's), so both pages have groups on them.
        expectTrue(ex, n > 0, 'the page is empty though this run created enough groups to fill it', `1 to ${COUNT}`, n)
      }
      expectEqual(first, 'number of groups on the first page', listResources(first).length, COUNT)
    })
  },
})
