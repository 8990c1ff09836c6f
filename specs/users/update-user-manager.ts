// Entra's manager updates (captures: Captain-P-Goldfish/SCIM-SDK#686, apache/directory-scimple#1242; the SCIM Validator): set, change and clear, in each shape seen from Entra and
// Microsoft's validators; the manager always comes back as {"value": id}.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
import type { Exchange } from '../../helpers/client/exchange.ts'
import { createUser, listResources, requireUserId } from '../../helpers/entra/requests.ts'
import { CheckFailure, CheckSkipped, expectJsonBody, expectStatus, expectTrue, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow } from '../define-flow.ts'
import { clearManager, setManager } from '../../helpers/entra/patch-ops.ts'
import { ENTERPRISE_USER, entraUserBody, getAttribute } from '../../helpers/entra/profile.ts'
import { expectCleared, expectPatched, MANAGER, patchAndRead, readBody, type Update } from '../../helpers/entra/user-updates.ts'

/** The id a stored manager names, whatever shape the server kept it in (the shape has its own check). */
function managerId(manager: unknown): unknown {
  const m = Array.isArray(manager) ? manager[0] : manager
  return m && typeof m === 'object' ? (m as { value?: unknown }).value : m
}

function expectManager(u: Update, id: string): void {
  const got = getAttribute(readBody(u), MANAGER)
  if (managerId(got) !== id) {
    throw new CheckFailure(`${requestLine(u.read)}: the manager is ${short(got)} after ${requestLine(u.patch)}, expected ${id}. Entra re-sends the manager every cycle until it reads it back`, { value: id }, got)
  }
}

/** `GET /Users?filter=id eq "<user>" and manager eq "<manager>"&attributes=id`: the tutorial's Example 4 reference check. */
function queryByManager(ctx: Pick<FlowContext, 'scim'>, userId: string, managerId: string): Promise<Exchange> {
  return ctx.scim.get('/Users', { query: [['filter', `id eq "${userId}" and manager eq "${managerId}"`], ['attributes', 'id']] })
}

export default defineFlow({
  id: 'update-user-manager',
  title: 'Update User [Manager]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    ctx.require(ctx.profile.attributes.includes(MANAGER), `profile '${ctx.profile.name}' does not map the manager`)
    const user = await createUser(ctx)
    const first = await createUser(ctx)
    const second = await createUser(ctx)
    const id = requireUserId(ctx, user)
    const a = requireUserId(ctx, first, 'the first manager')
    const b = requireUserId(ctx, second, 'the second manager')

    const bare = await patchAndRead(ctx, id, setManager(ctx.dialect, a, 'bare-id-on-urn-path', 'add'))
    // Entra's reference-value check (tutorial Example 4): does the user already have this manager? Then the other one.
    const hasManager = await queryByManager(ctx, id, a)
    const hasOther = await queryByManager(ctx, id, b)
    const object = await patchAndRead(ctx, id, setManager(ctx.dialect, b, 'value-object-on-urn-path', 'replace'))
    const refArray = await patchAndRead(ctx, id, setManager(ctx.dialect, a, 'ref-array-on-manager-path', 'add', ctx.scim.baseUrl))
    const removed = await patchAndRead(ctx, id, clearManager(ctx.dialect, 'remove-without-value'))
    const reset = await patchAndRead(ctx, id, setManager(ctx.dialect, b, 'value-object-on-urn-path', 'replace'))
    const emptied = await patchAndRead(ctx, id, clearManager(ctx.dialect, 'replace-with-empty-string'))
    // The manager inside the create body, as captured (apache/directory-scimple #1242): a plain id string in the extension.
    const report = ctx.data.person()
    const body = entraUserBody(ctx.profile, report)
    body[ENTERPRISE_USER] = { ...(body[ENTERPRISE_USER] as Record<string, unknown> | undefined), manager: a }
    const createdWithManager = await ctx.scim.post('/Users', body)
    const reportId = (createdWithManager.response?.body as { id?: unknown } | undefined)?.id
    if (createdWithManager.response && createdWithManager.response.status < 300 && typeof reportId === 'string') ctx.created.add('User', reportId, report.userName)
    const readReport = typeof reportId === 'string' ? await ctx.scim.get(`/Users/${encodeURIComponent(reportId)}`) : undefined

    // Only the forms Entra sends at run time are judged at Entra's level; {"value": id} and the clears are the forms of
    // Microsoft's validation, judged (their status included) by their own Gallery checks.
    await ctx.check('update-user-manager/responds-200-or-204', () => expectPatched(bare, refArray))
    await ctx.check('update-user-manager/sets-manager-from-bare-id', () => expectManager(bare, a))
    await ctx.check('update-user-manager/sets-manager-from-value-object', () => {
      expectPatched(object)
      expectManager(object, b)
    })
    await ctx.check('update-user-manager/sets-manager-from-ref-array', () => expectManager(refArray, a))
    await ctx.check('update-user-manager/returns-manager-as-object', () => {
      const accepted = (u: Update) => u.patch.response !== undefined && u.patch.response.status < 300 && u.read.response?.status === 200
      const shown = [bare, object, refArray, reset].filter((u) => accepted(u) && getAttribute(readBody(u), MANAGER) !== undefined)
      if (shown.length === 0) throw new CheckSkipped('no GET showed a manager, so its shape cannot be judged (see the sets-manager checks)')
      for (const u of shown) {
        const got = getAttribute(readBody(u), MANAGER)
        if (!got || typeof got !== 'object' || Array.isArray(got) || typeof (got as { value?: unknown }).value !== 'string') {
          throw new CheckFailure(`${requestLine(u.read)}: manager is ${short(got)}, not an object with a string "value" (RFC 7643 §4.3)`, { value: '<manager id>' }, got)
        }
      }
    })
    await ctx.check('update-user-manager/reference-query-finds-manager', () => {
      ctx.requirePassed('update-user-manager/sets-manager-from-bare-id', 'the query asks about the manager that PATCH set')
      expectStatus(hasManager, 200)
      const found = listResources(hasManager).map((r) => r.id)
      expectTrue(hasManager, found.length === 1 && found[0] === id, `expected the user ${id}, whose manager is ${a}, found ${short(found)}`, [id], found)
      expectStatus(hasOther, 200)
      const others = listResources(hasOther).map((r) => r.id)
      expectTrue(hasOther, others.length === 0, `expected no user: ${b} is not the manager of ${id}, found ${short(others)}`, [], others)
    })
    await ctx.check('update-user-manager/create-accepts-manager-string', () => {
      expectStatus(createdWithManager, [200, 201], 'Entra creates a user whose manager is already provisioned with the manager\'s id in the body')
      expectTrue(createdWithManager, readReport !== undefined, 'the answer has no string id', 'a non-empty string', reportId)
      expectStatus(readReport!, 200)
      const got = getAttribute(expectJsonBody(readReport!), MANAGER)
      if (managerId(got) !== a) throw new CheckFailure(`${requestLine(readReport!)}: the manager is ${short(got)} after ${requestLine(createdWithManager)} with "manager": "${a}", expected ${a}`, { value: a }, got, readReport)
    })
    // A clear proves something only if a manager was there to clear.
    const clears = (before: Update, after: Update) => () => {
      if (getAttribute(readBody(before), MANAGER) === undefined) throw new CheckSkipped(`no manager was set before the clear (${requestLine(before.patch)})`)
      expectPatched(after)
      expectCleared(after, MANAGER)
    }
    await ctx.check('update-user-manager/clears-manager-by-remove', clears(refArray, removed))
    await ctx.check('update-user-manager/clears-manager-by-replace-with-empty-string', clears(reset, emptied))
  },
})
