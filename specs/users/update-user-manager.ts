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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, SERVICE_INCOMPATIBLE, UNPARSEABLE, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { CAPTURES, clearAttributeValues, entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-manager/responds-200-or-204': {
    title:
      'The manager PATCHes Entra sends at run time (a bare id on the URN path, [{"$ref", "value"}] on "manager") answer 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra writes the manager by PATCH after both users exist: captured as a bare id on the enterprise URN path, and shown as [{"$ref", "value"}] in Microsoft\'s example; a refusal fails the reference every cycle.',
      sources: [CAPTURES.managerString, entra('tutorial'), entra('how-provisioning-works')],
    },
    refs: [
      rfc7644('3.5.2'),
      entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'),
      CAPTURES.managerString,
    ],
    entra: UPDATE_REJECTED,
    fix: 'Accept the manager as a bare id on urn:…:enterprise:2.0:User:manager and as [{"$ref", "value"}] on "manager".',
  },
  'update-user-manager/sets-manager-from-bare-id': {
    title: 'A manager sent as a bare id string on the enterprise URN path is stored',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured sending the manager as a bare id string on the enterprise URN path.',
      sources: [CAPTURES.managerString, CAPTURES.managerStringCreate],
    },
    refs: [rfc7643('4.3'), rfc7644('3.5.2'), entra('tutorial')],
    why: "Entra sends the manager's id as a plain string on the URN path (SCIM-SDK #686, directory-scimple #1242).",
    entra: CHURN,
    fix: "Read a string value on urn:…:enterprise:2.0:User:manager as the manager's id.",
  },
  'update-user-manager/sets-manager-from-value-object': {
    title: 'A manager sent as {"value": id} on the enterprise URN path is accepted (200 or 204) and stored',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s SCIM Validator sent the manager as {"value": id} (its Add and Replace Manager tests); no capture shows the provisioning service sending this form.',
      sources: [CAPTURES.validatorTraffic, entra('scim-validator')],
    },
    refs: [rfc7643('4.3'), rfc7644('3.5.2'), entra('scim-validator')],
    entra: CHURN,
    fix: 'Read {"value": id} on urn:…:enterprise:2.0:User:manager as the manager\'s id.',
  },
  'update-user-manager/sets-manager-from-ref-array': {
    title: 'A manager sent as [{"$ref", "value"}] on path "manager" is stored',
    severity: 'entra',
    evidence: {
      says: 'Microsoft\'s tutorial example sends the manager as [{"$ref", "value"}] on path "manager".',
      sources: [entra('tutorial')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial')],
    why: 'Microsoft\'s tutorial example sends this form on the bare path "manager".',
    entra: CHURN,
    fix: 'Accept the path "manager" as the enterprise manager, and take the id from the first element\'s "value".',
  },
  'update-user-manager/create-accepts-manager-string': {
    title:
      'A POST /Users whose enterprise extension carries "manager": "<id>" (a plain string) is accepted and stores that manager',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured creating a user with the manager as a plain id string inside the enterprise extension of the POST body; a server that failed to read it answered 500 and the user was not created.',
      sources: [CAPTURES.managerStringCreate],
    },
    refs: [rfc7643('4.3'), rfc7644('3.3'), CAPTURES.managerStringCreate],
    why: 'RFC 7643 declares manager complex, but Entra sends the id as a string in the body (directory-scimple #1242) and reads back manager.value.',
    entra: {
      ...UNPARSEABLE,
      effect: 'The create fails: the user is not provisioned, and Entra retries it every cycle.',
    },
    fix: 'In a POST body, read a string "manager" in the enterprise extension as {"value": "<id>"}, and return it as an object.',
  },
  'update-user-manager/returns-manager-as-object': {
    title: 'GET returns the manager as an object with "value", whatever form it was sent in',
    severity: 'entra',
    evidence: {
      says: 'A manager Entra could not deserialize failed provisioning with ServiceIncompatible.',
      sources: [CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.3'), entra('tutorial')],
    why: 'A bare string where RFC 7643 declares a complex attribute cannot be read by Entra (Budibase #15369).',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return "manager": {"value": "<id>"} (optionally with $ref and displayName).',
  },
  'update-user-manager/reference-query-finds-manager': {
    title:
      'GET /Users?filter=id eq "…" and manager eq "…"&attributes=id finds the user for its manager, and not for another user',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows this query (Example 4), but no capture shows today's service sending it; supporting `and`, `eq` and a complex attribute's value in filters is the RFC 7644 §3.4.2.2 rule.",
      sources: [rfc7644('3.4.2.2'), entra('tutorial')],
    },
    refs: [entra('tutorial'), rfc7644('3.4.2.2')],
    why: "Microsoft's tutorial (Example 4) shows Entra checking a reference value this way before it updates the manager; whether today's service still sends it is unverified.",
    entra: {
      code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      effect: 'Where Entra checks the manager by query, it cannot tell whether the manager is already set.',
    },
    fix: "Support `and`, `id eq` and `manager eq` (the enterprise manager's value) in /Users filters, with attributes=id.",
  },
  'update-user-manager/clears-manager-by-remove': {
    title: 'A remove without value on the manager is accepted (200 or 204) and clears it',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator removes the manager this way; what the provisioning service sends to clear a manager is not documented or captured.",
      sources: [CAPTURES.validatorTraffic, entra('scim-validator')],
    },
    refs: [rfc7644('3.5.2.2'), entra('scim-validator')],
    entra: CHURN,
    fix: 'Apply {"op": "remove", "path": "urn:…:enterprise:2.0:User:manager"} by removing the manager.',
  },
  'update-user-manager/clears-manager-by-replace-with-empty-string': {
    title: 'A replace of the manager with "" is accepted (200 or 204) and clears it',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation Logic App clears the manager with a replace of ""; no capture shows the provisioning service sending it.',
      sources: [msValidation('SCIM_Update_Manager_Test'), clearAttributeValues],
    },
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Update_Manager_Test')],
    why: "Microsoft's own validation removes a manager by replacing it with an empty value.",
    entra: CHURN,
    fix: 'Treat "" (and {"value": ""}) as no manager rather than as an id.',
  },
})

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

export default defineFlow(checks, {
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
        // The finding first (it titles the cause), what was set after it.
        `the query for the user and its manager finds ${found.length === 0 ? 'no user' : short(found)}, not the user ${id}. Its manager ${manager} was set by ${requestLine(reference.set.patch)}`,
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
