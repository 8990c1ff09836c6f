// Entra "Delete User": DELETE answers 204, the user is gone for GET and for the matching filter, and a
// second DELETE answers 404.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#delete-user
import { createUser, listResources, matchingValue, queryUsers } from '../../helpers/entra/requests.ts'
import { expectEqual, expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'delete-user',
  title: 'Delete User',
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const id = ctx.require(created.id, 'the user could not be created (see Create User)')
    const path = `/Users/${encodeURIComponent(id)}`
    const deleted = await ctx.scim.delete(path)
    const status = deleted.response?.status ?? 0
    if (status >= 200 && status < 300) ctx.created.forget('User', id)
    const read = await ctx.scim.get(path)
    const found = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, created.person))
    const again = await ctx.scim.delete(path)

    await ctx.check('delete-user/responds-204', () => expectStatus(deleted, 204))
    await ctx.check('delete-user/get-after-delete-responds-404', () => expectStatus(read, 404, 'the user was deleted'))
    await ctx.check('delete-user/query-omits-deleted-user', () => {
      expectStatus(found, 200)
      expectEqual(found, 'the number of users the filter finds after the delete', listResources(found).length, 0)
    })
    await ctx.check('delete-user/delete-again-responds-404', () => expectStatus(again, 404, 'the user was already deleted'))
  },
})
