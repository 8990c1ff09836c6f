// Entra "Create User": the match query finds nothing, then POST with Entra's body for the profile.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#create-user
import { createUser, matchingValue, queryUsers } from '../../helpers/entra/requests.ts'
import { CheckFailure, dependsOn, expectEqual, expectJsonBody, expectSchema, expectStatus, expectTrue, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { getAttribute, postedAttributes, valueFor } from '../../helpers/entra/profile.ts'

export default defineFlow({
  id: 'create-user',
  title: 'Create User',
  writes: true,
  async run(ctx) {
    const person = ctx.data.person()
    const query = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, person))
    await ctx.check('create-user/query-finds-nothing', () => {
      expectStatus(query, 200)
      expectEqual(query, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(query).totalResults, 0)
    })

    const created = await createUser(ctx, person)
    const res = created.exchange
    await ctx.check('create-user/responds-201', () => expectStatus(res, 201))
    // What the 201 should carry cannot be judged on a POST that was refused: those checks are blocked by responds-201.
    const accepted = (): void => dependsOn(res, 'no user was created')
    await ctx.check('create-user/returns-id', () => {
      accepted()
      const id = expectJsonBody<{ id?: unknown }>(res).id
      expectTrue(res, typeof id === 'string' && id !== '', 'the answer has no string id', 'a non-empty string', id)
    })
    await ctx.check('create-user/response-is-valid-user', () => {
      accepted()
      expectSchema(res, 'user', 'User')
    })
    await ctx.check('create-user/echoes-attributes', () => {
      accepted()
      const body = expectJsonBody(res)
      const different = postedAttributes(ctx.profile)
        .map((path) => ({ path, sent: valueFor(path, person), got: getAttribute(body, path) }))
        .filter((d) => d.sent !== undefined && JSON.stringify(d.got) !== JSON.stringify(d.sent))
      if (different.length > 0) {
        const list = different.map((d) => `${d.path}: sent ${short(d.sent)}, got ${short(d.got)}`).join('; ')
        throw new CheckFailure(`${requestLine(res)}: ${different.length} attribute(s) came back different (Entra will re-send them every cycle): ${list}`,
          Object.fromEntries(different.map((d) => [d.path, d.sent])), Object.fromEntries(different.map((d) => [d.path, d.got])))
      }
    })
    await ctx.check('create-user/responds-scim-content-type', () => {
      const type = res.response?.headers['content-type'] ?? ''
      expectTrue(res, /^application\/scim\+json\s*(;|$)/i.test(type), `Content-Type is "${type}"`, 'application/scim+json', type || '(none)')
    })

    const duplicate = await ctx.scim.post('/Users', created.body)
    const dupId = (duplicate.response?.body as { id?: unknown } | undefined)?.id
    if (duplicate.response && duplicate.response.status < 300 && typeof dupId === 'string') ctx.created.add('User', dupId, `${person.userName} (duplicate)`)
    await ctx.check('create-user/rejects-duplicate-username', () => {
      dependsOn(res, 'there is no first user to duplicate')
      expectStatus(duplicate, 409, 'the userName is already taken')
      const body = expectJsonBody<{ scimType?: unknown }>(duplicate)
      expectEqual(duplicate, 'scimType', body.scimType, 'uniqueness')
    })
    await ctx.check('create-user/duplicate-error-is-scim-error', () => {
      dependsOn(res, 'there is no first user to duplicate')
      // An accepted duplicate has no error body: that is rejects-duplicate-username's failure, not this one's.
      if (duplicate.response && duplicate.response.status < 300) ctx.requirePassed('create-user/rejects-duplicate-username', 'the duplicate was accepted, so there is no error body to judge')
      expectSchema(duplicate, 'error', 'Error')
    })
  },
})
