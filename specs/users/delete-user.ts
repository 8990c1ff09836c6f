// Entra "Delete User": DELETE answers 204, the user is gone for GET and for the matching filter, and a
// second DELETE answers 404 (RFC 7644 §3.6; Entra reads none of these). What Entra depends on: the match query never
// returns the deleted user as active, and the same userName and externalId can be created again (the restore).
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#delete-user
import { createUser, listResources, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import {
  CheckBlocked,
  CheckFailure,
  dependsOn,
  expectEqual,
  expectStatus,
  expectTrue,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { DELETE_IGNORED, INVALID_ANCHOR } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, msValidation, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'delete-user/responds-204': {
    title: 'DELETE /Users/{id} answers 204 No Content',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows 204, and RFC 7644 §3.6 requires it; no source shows Entra refusing a 200.",
      sources: [rfc7644('3.6'), entra('tutorial', 'delete-user')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-user')],
    entra: DELETE_IGNORED,
    fix: 'Answer a successful DELETE with 204 and no body.',
  },
  'delete-user/get-after-delete-responds-404': {
    title: 'GET /Users/{id} for the deleted user answers 404',
    severity: 'rfc',
    evidence: {
      says: "Entra never reads a user it deleted (a DELETE is the last request it sends for a hard-deleted user), and Microsoft's gallery requirements allow soft delete; 404 after a DELETE is the RFC 7644 §3.6 rule.",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.6'), entra('how-provisioning-works')],
    why: 'RFC 7644 §3.6: a service provider MUST return 404 for all operations on a deleted resource.',
    entra: DELETE_IGNORED,
    fix: 'Delete the user, or keep it hidden and answer 404 for every request on its id.',
  },
  'delete-user/query-omits-deleted-user': {
    title: 'The matching filter no longer finds the deleted user',
    severity: 'rfc',
    evidence: {
      says: "Entra never queries for a user it deleted, and Microsoft's gallery requirements allow soft delete; leaving a deleted resource out of query results is the RFC 7644 §3.6 rule. (A deleted user the query still returns as active is judged at Entra's level by query-never-returns-deleted-as-active.)",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.6'), rfc7644('3.4.2')],
    why: 'RFC 7644 §3.6: service providers MUST omit a deleted resource from future query results.',
    entra: DELETE_IGNORED,
    fix: 'Leave deleted users out of every query result.',
  },
  'delete-user/query-never-returns-deleted-as-active': {
    title: 'After a DELETE, the matching filter never returns the user with active true',
    severity: 'entra',
    evidence: {
      says: 'Entra matches by the matching attribute before it creates a user, and a user assigned again is matched this way; a deleted user the query still returns as active is matched again and keeps its access in the app.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'get-user-by-query')],
    },
    refs: [rfc7644('3.6'), entra('how-provisioning-works'), entra('tutorial', 'get-user-by-query')],
    why: 'A soft delete may keep the user (inactive, or hidden); one still found as active is not deleted at all as far as Entra can tell.',
    entra: {
      code: 'none (Entra logs the Delete as a success)',
      effect:
        'The user Entra deleted stays active in the app with its access; when the person is assigned again, Entra matches this account instead of creating one.',
      presumes: 'accepted',
    },
    fix: 'Delete the user, or mark it inactive (active false) and leave it out of query results.',
  },
  'delete-user/restore-creates-user-again': {
    title: 'After a DELETE, a POST with the same userName and externalId creates the user again (201 with an id)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation has a mandatory restore test (Restore_User_Test: unassign, then assign again, expecting a successful create), and gallery apps without soft delete get a DELETE when a user is unassigned; no capture shows the provisioning service re-creating a user it deleted.",
      sources: [msValidation('Restore_User_Test'), entra('how-provisioning-works')],
    },
    refs: [rfc7644('3.3'), rfc7644('3.6'), msValidation('Restore_User_Test')],
    why: "A soft delete that keeps the userName (or externalId) in a unique index refuses the person's return with 409.",
    entra: {
      code: 'Conflict / EntryConflict',
      effect:
        'The person assigned again cannot be created: Entra logs a conflict for the POST and does not retry it automatically.',
    },
    fix: 'When a user is deleted, free its userName and externalId (or delete the row), so the same values can be created again.',
  },
  'delete-user/delete-again-responds-404': {
    title: 'A second DELETE of the same user answers 404',
    severity: 'rfc',
    evidence: {
      says: 'What Entra does with a DELETE of an id already gone is not documented, and the SCIM Validator runs it only as a preview test; RFC 7644 §3.6 requires 404.',
      sources: [rfc7644('3.6'), CAPTURES.scimServer],
    },
    refs: [rfc7644('3.6'), entra('scim-validator')],
    why: "Microsoft's SCIM Validator deletes the same user twice and expects 404 the second time.",
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for DELETE on an id that does not exist (any more).',
  },
})

export default defineFlow(checks, {
  id: 'delete-user',
  title: 'Delete User',
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const path = `/Users/${encodeURIComponent(id)}`
    const deleted = await ctx.scim.delete(path)
    const status = deleted.response?.status ?? 0
    if (status >= 200 && status < 300) ctx.created.forget('User', id)
    const read = await ctx.scim.get(path)
    const found = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, created.person))
    const again = await ctx.scim.delete(path)
    // The restore: the person assigned again is POSTed with the same userName and externalId.
    const restored =
      deleted.response && deleted.response.status < 300 ? await createUser(ctx, created.person) : undefined

    await ctx.check('delete-user/responds-204', () => expectStatus(deleted, 204))
    // What follows a DELETE the server refused cannot show a deletion: blocked by responds-204.
    const wasDeleted = (): void => dependsOn(deleted, 'the user was never deleted')
    await ctx.check('delete-user/get-after-delete-responds-404', () => {
      wasDeleted()
      expectStatus(read, 404, 'the user was deleted')
    })
    await ctx.check('delete-user/query-omits-deleted-user', () => {
      wasDeleted()
      expectStatus(found, 200)
      const left = listResources(found).length
      // Gone by id but still found by the filter is not "the user keeps existing": it is a ghost the match query returns.
      if (left > 0 && read.response?.status === 404) {
        throw new CheckFailure(
          `${requestLine(found)}: the filter still finds ${left} user(s) after the delete, though ${requestLine(read)} says the user is gone`,
          0,
          left,
          found,
          {
            entra: {
              code: 'none at the delete; the later update fails (the id no longer exists)',
              effect:
                "When the user is assigned again, Entra's match query finds this ghost, matches it, and its updates to the ghost's id fail.",
            },
            fix: 'Leave deleted users out of filter results too (the filter reads an index or a soft-deleted row that GET by id does not).',
          },
        )
      }
      expectEqual(found, 'the number of users the filter finds after the delete', left, 0)
    })
    await ctx.check('delete-user/query-never-returns-deleted-as-active', () => {
      wasDeleted()
      // A query that does not answer is Test Connection's finding: there is no result to judge here.
      if (found.response?.status !== 200)
        throw new CheckBlocked(
          'test-connection/users-filter-responds-200',
          `blocked by test-connection/users-filter-responds-200: ${requestLine(found)}, so there is no result to read`,
        )
      // Read the Resources as Entra would; a ListResponse without totalResults is the query checks' finding, not this one's.
      const resources = (found.response.body as { Resources?: unknown } | undefined)?.Resources
      const active = (Array.isArray(resources) ? (resources as Record<string, unknown>[]) : []).filter(
        (u) => u.active !== false,
      )
      if (active.length > 0) {
        throw new CheckFailure(
          `${requestLine(found)}: after the DELETE the filter still returns ${active.length} user(s) with active ${short(active[0]!.active)}: Entra would match the deleted user again`,
          'no user, or active false',
          active.map((u) => ({ id: u.id, active: u.active })),
          found,
        )
      }
    })
    await ctx.check('delete-user/restore-creates-user-again', () => {
      wasDeleted()
      const post = restored!.exchange
      expectStatus(
        post,
        [200, 201],
        `the user ${created.person.userName} was deleted, so its userName and externalId are free again`,
      )
      expectTrue(
        post,
        restored!.id !== undefined,
        'the answer has no string id',
        'a non-empty string',
        (post.response?.body as { id?: unknown } | undefined)?.id,
      )
    })
    await ctx.check('delete-user/delete-again-responds-404', () => {
      wasDeleted()
      expectStatus(again, 404, 'the user was already deleted')
    })
  },
})
