// Entra's manager updates (captures: Captain-P-Goldfish/SCIM-SDK#686, apache/directory-scimple#1242; the SCIM Validator): set, change and clear, in each shape seen from Entra and
// Microsoft's validators; the manager always comes back as {"value": id}.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
import type { Exchange } from '../../helpers/model/exchange.ts'
import { createUser, listResources, requireUserId } from '../../helpers/steps/requests.ts'
import {
  CheckFailure,
  CheckSkipped,
  expectJsonBody,
  expectStatus,
  expectTrue,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow } from '../define-flow.ts'
import { clearManager, setManager } from '../../helpers/entra/patch-ops.ts'
import { ENTERPRISE_USER, entraUserBody, getAttribute } from '../../helpers/entra/profile.ts'
import {
  expectCleared,
  expectPatched,
  MANAGER,
  patchAndRead,
  readBody,
  type Update,
} from '../../helpers/steps/user-updates.ts'

/** The id a stored manager names, whatever shape the server kept it in (the shape has its own check). */
function managerId(manager: unknown): unknown {
  const m = Array.isArray(manager) ? manager[0] : manager
  return m && typeof m === 'object' ? (m as { value?: unknown }).value : m
}

function expectManager(u: Update, id: string): void {
  const got = getAttribute(readBody(u), MANAGER)
  if (managerId(got) !== id) {
    throw new CheckFailure(
      `${requestLine(u.read)}: the manager is ${short(got)} after ${requestLine(u.patch)}, expected ${id}. Entra re-sends the manager every cycle until it reads it back`,
      { value: id },
      got,
    )
  }
}

/** The manager id the read after an accepted PATCH shows, without judging (undefined: none, or the PATCH or read failed). */
function storedManager(u: Update): string | undefined {
  const ok = u.patch.response !== undefined && u.patch.response.status < 300 && u.read.response?.status === 200
  const id = ok ? managerId(getAttribute(u.read.response!.body as Record<string, unknown>, MANAGER)) : undefined
  return typeof id === 'string' && id !== '' ? id : undefined
}

/** `GET /Users?filter=id eq "<user>" and manager eq "<manager>"&attributes=id`: the tutorial's Example 4 reference check. */
function queryByManager(ctx: Pick<FlowContext, 'scim'>, userId: string, managerId: string): Promise<Exchange> {
  return ctx.scim.get('/Users', {
    query: [
      ['filter', `id eq "${userId}" and manager eq "${managerId}"`],
      ['attributes', 'id'],
    ],
  })
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

    // Entra's reference-value check (tutorial Example 4): does the user have this manager? Then the other one. Asked
    // after the first set the server applied, whichever shape that was: a refused shape must not hide how it answers.
    let reference: { has: Exchange; other: Exchange; set: Update; manager: string; notManager: string } | undefined
    const askAfter = async (set: Update, manager: string, notManager: string): Promise<void> => {
      if (reference || storedManager(set) !== manager) return
      reference = {
        has: await queryByManager(ctx, id, manager),
        other: await queryByManager(ctx, id, notManager),
        set,
        manager,
        notManager,
      }
    }
    const bare = await patchAndRead(ctx, id, setManager(ctx.dialect, a, 'bare-id-on-urn-path', 'add'))
    await askAfter(bare, a, b)
    const object = await patchAndRead(ctx, id, setManager(ctx.dialect, b, 'value-object-on-urn-path', 'replace'))
    await askAfter(object, b, a)
    const refArray = await patchAndRead(
      ctx,
      id,
      setManager(ctx.dialect, a, 'ref-array-on-manager-path', 'add', ctx.scim.baseUrl),
    )
    await askAfter(refArray, a, b)
    const removed = await patchAndRead(ctx, id, clearManager(ctx.dialect, 'remove-without-value'))
    const reset = await patchAndRead(ctx, id, setManager(ctx.dialect, b, 'value-object-on-urn-path', 'replace'))
    const emptied = await patchAndRead(ctx, id, clearManager(ctx.dialect, 'replace-with-empty-string'))
    // The manager inside the create body, as captured (apache/directory-scimple #1242): a plain id string in the extension.
    const report = ctx.data.person()
    const body = entraUserBody(ctx.profile, report)
    body[ENTERPRISE_USER] = { ...(body[ENTERPRISE_USER] as Record<string, unknown> | undefined), manager: a }
    const createdWithManager = await ctx.scim.post('/Users', body)
    const reportId = (createdWithManager.response?.body as { id?: unknown } | undefined)?.id
    if (createdWithManager.response && createdWithManager.response.status < 300 && typeof reportId === 'string')
      ctx.created.add('User', reportId, report.userName)
    const readReport =
      typeof reportId === 'string' ? await ctx.scim.get(`/Users/${encodeURIComponent(reportId)}`) : undefined

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
      const accepted = (u: Update) =>
        u.patch.response !== undefined && u.patch.response.status < 300 && u.read.response?.status === 200
      const shown = [bare, object, refArray, reset].filter(
        (u) => accepted(u) && getAttribute(readBody(u), MANAGER) !== undefined,
      )
      if (shown.length === 0)
        throw new CheckSkipped('no GET showed a manager, so its shape cannot be judged (see the sets-manager checks)')
      for (const u of shown) {
        const got = getAttribute(readBody(u), MANAGER)
        if (
          !got ||
          typeof got !== 'object' ||
          Array.isArray(got) ||
          typeof (got as { value?: unknown }).value !== 'string'
        ) {
          throw new CheckFailure(
            `${requestLine(u.read)}: manager is ${short(got)}, not an object with a string "value" (RFC 7643 §4.3)`,
            { value: '<manager id>' },
            got,
          )
        }
      }
    })
    await ctx.check('update-user-manager/reference-query-finds-manager', () => {
      if (!reference) {
        ctx.requirePassed('update-user-manager/sets-manager-from-bare-id', 'the query asks about a manager a PATCH set')
        throw new CheckSkipped('no set of the manager read back, so the reference query has no manager to find')
      }
      const { has, other, manager, notManager } = reference
      expectStatus(has, 200)
      const found = listResources(has).map((r) => r.id)
      expectTrue(
        has,
        found.length === 1 && found[0] === id,
        `expected the user ${id}, whose manager is ${manager} (set by ${requestLine(reference.set.patch)}), found ${short(found)}`,
        [id],
        found,
      )
      expectStatus(other, 200)
      const others = listResources(other).map((r) => r.id)
      expectTrue(
        other,
        others.length === 0,
        `expected no user: ${notManager} is not the manager of ${id}, found ${short(others)}`,
        [],
        others,
      )
    })
    await ctx.check('update-user-manager/create-accepts-manager-string', () => {
      expectStatus(
        createdWithManager,
        [200, 201],
        "Entra creates a user whose manager is already provisioned with the manager's id in the body",
      )
      expectTrue(
        createdWithManager,
        readReport !== undefined,
        'the answer has no string id',
        'a non-empty string',
        reportId,
      )
      expectStatus(readReport!, 200)
      const got = getAttribute(expectJsonBody(readReport!), MANAGER)
      if (managerId(got) !== a)
        throw new CheckFailure(
          `${requestLine(readReport!)}: the manager is ${short(got)} after ${requestLine(createdWithManager)} with "manager": "${a}", expected ${a}`,
          { value: a },
          got,
          readReport,
        )
    })
    // A clear proves something only if a manager was there to clear: the last read before it that showed one, whatever
    // became of the other shapes (a refused set before it does not keep this clear from being judged on its own answer).
    const clears = (before: Update[], after: Update) => () => {
      const had = before.filter((u) => storedManager(u) !== undefined).at(-1)
      if (!had) {
        readBody(before.at(-1)!)
        throw new CheckSkipped(`no manager was set before the clear (${requestLine(before.at(-1)!.patch)})`)
      }
      // The clears are forms of Microsoft's validation: their status is judged here, not by responds-200-or-204.
      expectPatched(after)
      expectCleared(after, MANAGER)
    }
    await ctx.check('update-user-manager/clears-manager-by-remove', clears([bare, object, refArray], removed))
    await ctx.check('update-user-manager/clears-manager-by-replace-with-empty-string', clears([reset], emptied))
  },
})
