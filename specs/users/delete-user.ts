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

export default defineFlow({
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
