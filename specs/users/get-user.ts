// Entra "Get User": read a user by the id the server returned at creation.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import {
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectSchema,
  expectStatus,
  expectTrue,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { sameValue } from '../../helpers/steps/user-updates.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'get-user',
  title: 'Get User',
  writes: true,
  async run(ctx) {
    const unknown = await ctx.scim.get(`/Users/${ctx.data.guid()}`)
    await ctx.check('get-user/unknown-id-responds-404', () => expectStatus(unknown, 404))
    await ctx.check('get-user/unknown-id-returns-scim-error', () => {
      // An unknown id answered as if it existed has no error body: that is unknown-id-responds-404's failure.
      if (unknown.response && unknown.response.status < 300)
        ctx.requirePassed(
          'get-user/unknown-id-responds-404',
          'the unknown id was answered with a user, so there is no error body to judge',
        )
      expectSchema(unknown, 'error', 'Error')
    })

    const created = await createUser(ctx)
    const { person } = created
    const id = requireUserId(ctx, created)
    const got = await ctx.scim.get(`/Users/${id}`)
    await ctx.check('get-user/responds-200', () => expectStatus(got, 200))
    await ctx.check('get-user/returns-same-user', () => {
      dependsOn(got, 'there is no user to compare')
      expectSchema(got, 'user', 'User')
      const body = expectJsonBody<{ id?: unknown; userName?: unknown }>(got)
      expectEqual(got, 'id', body.id, id)
      // userName is caseExact false (RFC 7643 §4.1.1); a folded case is reported once, by create-user/keeps-letter-case.
      expectTrue(
        got,
        sameValue('userName', body.userName, person.userName),
        `userName is ${short(body.userName)}, expected ${short(person.userName)}`,
        person.userName,
        body.userName,
      )
    })
  },
})
