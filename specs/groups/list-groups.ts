// Listing groups page by page (RFC 7644 §3.4.2.4), which Microsoft lists among its requirements and its validation
// Logic App checks. Other flows create groups at the same time, so only page shape is judged, never totals.
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { listResources } from '../../helpers/steps/requests.ts'
import { expectEqual, expectJsonBody, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { entra, msValidation, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'list-groups/pages-with-start-index-and-count': {
    title:
      'GET /Groups?startIndex=…&count=… answers page by page, echoing startIndex and returning at most count groups',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation pages /Groups (an optional test); Entra does not list groups page by page.",
      sources: [msValidation('SCIM_Group_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), entra('tutorial', 'understand-the-microsoft-entra-scim-implementation')],
    why: 'Microsoft asks for listing with pagination; its validation Logic App checks the returned startIndex of each page.',
    entra: {
      code: 'none at run time (SCIM Validator, gallery review)',
      effect: "Microsoft's validation reports paging as broken.",
    },
    fix: 'Honour startIndex (1-based) and count on /Groups and return the startIndex you served.',
  },
})

const COUNT = 2

export default defineFlow(checks, {
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
