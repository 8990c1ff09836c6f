// Paging through /Users as Microsoft's validation does (Microsoft's SCIM validation Logic App test overview (AzureAD/SCIMReferenceCode), SCIM_User_Pagination_Test): at least
// 11 users of this run, then GET /Users?startIndex=…&count=5&attributes=id over every page of all users.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
import type { Exchange } from '../../helpers/model/exchange.ts'
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckFailure, CheckSkipped, expectStatus, requestLine, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { VALIDATION_ONLY } from '../../helpers/suite/consequences.ts'
import { msValidation, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'get-users-paged/honours-count': {
    title:
      'GET /Users?startIndex=…&count=5 returns at most 5 users per page, and itemsPerPage equals the number returned',
    severity: 'gallery',
    evidence: {
      says: "Entra queries users by filter, never page by page; Microsoft's validation pages /Users with count=5.",
      sources: [msValidation('SCIM_User_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'RFC 7644 §3.4.2.4: the service provider MUST NOT return more results than count.',
    entra: VALIDATION_ONLY,
    fix: 'Return at most count resources and set itemsPerPage to the number on the page.',
  },
  'get-users-paged/echoes-start-index': {
    title: 'Each page answers with the startIndex that was asked for',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation checks that each page's startIndex equals page × 5 + 1; Entra does not page users.",
      sources: [msValidation('SCIM_User_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: "Microsoft's validation checks startIndex equals page × 5 + 1 on every page.",
    entra: VALIDATION_ONLY,
    fix: 'Serve the page that starts at the requested 1-based startIndex and echo it in the answer.',
  },
  'get-users-paged/total-results-agrees': {
    title: 'Walking every page returns as many distinct users as totalResults says',
    severity: 'rfc',
    evidence: {
      says: 'Entra does not page users; totalResults across pages is an RFC 7644 §3.4.2 rule.',
      sources: [rfc7644('3.4.2'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2'), rfc7644('3.4.2.4')],
    entra: VALIDATION_ONLY,
    fix: 'Report the total number of matching users in totalResults on every page, and page through all of them.',
  },
  'get-users-paged/returns-each-user-once': {
    title: 'Every user the flow created appears exactly once over all pages',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation walks the pages of /Users; Entra does not page users.",
      sources: [msValidation('SCIM_User_Pagination_Test')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'Pages that overlap or skip make a paging client miss or repeat users; a stable order avoids it.',
    entra: VALIDATION_ONLY,
    fix: 'Page over a stable order (e.g. creation time, then id) so consecutive pages neither overlap nor skip.',
  },
})

const USERS = 11
const COUNT = 5
/** Beyond this many users the walk would take thousands of requests on someone else's server. */
const MAX_TOTAL = 1000
/** RFC 7644 §3.4.2.4: paging is stateless, so a walk during which totalResults moved is repeated. */
const WALKS = 4

interface Page {
  start: number
  ex: Exchange
  total?: unknown
  itemsPerPage?: unknown
  startIndex?: unknown
  ids: unknown[]
}

export default defineFlow(checks, {
  id: 'get-users-paged',
  title: 'Get Users [Paged]',
  writes: true,
  alone: true,
  async run(ctx) {
    // The flow runs alone, so its setup may use the run's whole --concurrency: over a network these POSTs are its
    // longest wait. Ids keep the order of creation requests.
    const mine: string[] = []
    const parallel = Math.max(1, Math.min(ctx.config.concurrency ?? 1, USERS))
    for (let i = 0; i < USERS; i += parallel) {
      const batch = await Promise.all(Array.from({ length: Math.min(parallel, USERS - i) }, () => createUser(ctx)))
      for (const created of batch) mine.push(requireUserId(ctx, created))
    }

    const walk = async (): Promise<Page[]> => {
      const pages: Page[] = []
      let total: number | undefined
      for (let start = 1; ; start += COUNT) {
        // attributes=id (RFC 7644 §3.4.2.5): the walk sees every user on the server, and reports must not carry their data.
        const ex = await ctx.scim.get('/Users', {
          query: [
            ['startIndex', String(start)],
            ['count', String(COUNT)],
            ['attributes', 'id'],
          ],
        })
        const body = (ex.response?.status === 200 ? ex.response.body : undefined) as Record<string, unknown> | undefined
        const resources = Array.isArray(body?.Resources) ? (body.Resources as { id?: unknown }[]) : []
        pages.push({
          start,
          ex,
          total: body?.totalResults,
          itemsPerPage: body?.itemsPerPage,
          startIndex: body?.startIndex,
          ids: resources.map((r) => r?.id),
        })
        total ??= typeof body?.totalResults === 'number' ? body.totalResults : undefined
        if (total === undefined || total > MAX_TOTAL || start + COUNT > total || pages.length > MAX_TOTAL / COUNT)
          return pages
      }
    }
    const stable = (pages: Page[]) => pages.every((p) => p.total === pages[0]!.total)
    let pages = await walk()
    for (let i = 1; i < WALKS && !stable(pages); i++) pages = await walk()
    const first = pages[0]!
    const total = first.total

    const tooMany = () => {
      if (typeof total === 'number' && total > MAX_TOTAL)
        throw new CheckSkipped(
          `the server holds ${total} users; walking more than ${MAX_TOTAL} five at a time is not done on a live server`,
        )
    }
    await ctx.check('get-users-paged/honours-count', () => {
      for (const p of pages) {
        expectStatus(p.ex, 200)
        if (p.ids.length > COUNT || p.itemsPerPage !== p.ids.length) {
          throw new CheckFailure(
            `${requestLine(p.ex)}: ${p.ids.length} users with itemsPerPage ${JSON.stringify(p.itemsPerPage)}; expected at most ${COUNT}, and itemsPerPage equal to the number returned`,
            { max: COUNT, itemsPerPage: p.ids.length },
            { returned: p.ids.length, itemsPerPage: p.itemsPerPage },
          )
        }
      }
    })
    await ctx.check('get-users-paged/echoes-start-index', () => {
      for (const p of pages) {
        expectStatus(p.ex, 200)
        if (p.startIndex !== p.start)
          throw new CheckFailure(
            `${requestLine(p.ex)}: startIndex is ${JSON.stringify(p.startIndex)}, expected ${p.start}`,
            p.start,
            p.startIndex,
          )
      }
    })
    await ctx.check('get-users-paged/total-results-agrees', () => {
      tooMany()
      expectStatus(first.ex, 200)
      if (typeof total !== 'number')
        throw new CheckFailure(
          `${requestLine(first.ex)}: totalResults is ${JSON.stringify(total)}, not a number`,
          'a number',
          total,
        )
      if (!stable(pages))
        throw new CheckSkipped(
          `totalResults changed during each of ${WALKS} walks (other clients writing meanwhile), so the pages cannot be compared with it`,
        )
      const returned = pages.flatMap((p) => p.ids)
      const distinct = new Set(returned).size
      if (returned.length !== total || distinct !== total) {
        throw new CheckFailure(
          `${requestLine(pages[pages.length - 1]!.ex)}: ${pages.length} pages returned ${returned.length} users (${distinct} distinct) while totalResults is ${total}`,
          total,
          { returned: returned.length, distinct },
        )
      }
    })
    await ctx.check('get-users-paged/returns-each-user-once', () => {
      // The pages this judges are the evidence (they were read before the earlier checks).
      uses(...pages.map((p) => p.ex))
      tooMany()
      if (!stable(pages))
        throw new CheckSkipped(`totalResults changed during each of ${WALKS} walks (other clients writing meanwhile)`)
      const seen = pages.flatMap((p) => p.ids)
      const wrong = mine.map((id) => ({ id, times: seen.filter((s) => s === id).length })).filter((x) => x.times !== 1)
      if (wrong.length) {
        throw new CheckFailure(
          `${requestLine(first.ex)}…: ${wrong.length} of the ${USERS} users this flow created were not seen exactly once over ${pages.length} pages: ${wrong.map((w) => `${w.id} ×${w.times}`).join(', ')}`,
          `each of ${USERS} users once`,
          wrong,
        )
      }
    })
  },
})
