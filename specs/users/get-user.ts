// Entra "Get User": read a user by the id the server returned at creation.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user
import { createUser } from '../../helpers/entra/requests.ts'
import { expectEqual, expectJsonBody, expectSchema, expectStatus, expectTrue, short } from '../../helpers/suite/expect-scim.ts'
import { sameValue } from '../../helpers/entra/user-updates.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'get-user',
  title: 'Get User',
  writes: true,
  async run(ctx) {
    const unknown = await ctx.scim.get(`/Users/${ctx.data.guid()}`)
    await ctx.check('get-user/unknown-id-responds-404', () => expectStatus(unknown, 404))
    await ctx.check('get-user/unknown-id-returns-scim-error', () => expectSchema(unknown, 'error', 'Error'))

    const created = await createUser(ctx)
    const { person } = created
    const id = ctx.require(created.id, 'the user could not be created (see Create User)')
    const got = await ctx.scim.get(`/Users/${id}`)
    await ctx.check('get-user/responds-200', () => expectStatus(got, 200))
    await ctx.check('get-user/returns-same-user', () => {
      expectSchema(got, 'user', 'User')
      const body = expectJsonBody<{ id?: unknown; userName?: unknown }>(got)
      expectEqual(got, 'id', body.id, id)
      // userName is caseExact false (RFC 7643 §4.1.1); a folded case is reported once, by create-user/keeps-letter-case.
      expectTrue(got, sameValue('userName', body.userName, person.userName), `userName is ${short(body.userName)}, expected ${short(person.userName)}`, person.userName, body.userName)
    })
  },
})
