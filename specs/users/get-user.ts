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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { ADMIN_CONFUSION, INVALID_ANCHOR } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'get-user/responds-200': {
    title: 'GET /Users/{id} answers 200 with the user',
    severity: 'entra',
    evidence: {
      says: 'Entra reads users by the stored id (captured: GET /Users/{id} before an update); a miss breaks the anchor (InvalidAnchor).',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user')],
    },
    refs: [rfc7644('3.4.1'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Serve every user by the id returned at creation.',
  },
  'get-user/returns-same-user': {
    title: 'The user read by id has the same id and userName',
    severity: 'entra',
    evidence: {
      says: 'Entra reads users by the stored id; another resource under that id is a broken anchor.',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user')],
    },
    refs: [rfc7644('3.4.1'), rfc7643('4.1')],
    entra: INVALID_ANCHOR,
    fix: 'Return the resource the id names, valid per RFC 7643.',
  },
  'get-user/unknown-id-responds-404': {
    title: 'GET /Users/{id} for an id that does not exist answers 404',
    severity: 'rfc',
    evidence: {
      says: 'No source shows what Entra does with a GET of an unknown id; 404 for it is RFC 7644 §3.4.1 and §3.12.',
      sources: [rfc7644('3.4.1'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.4.1'), rfc7644('3.12'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for an unknown id (not 200 with an empty body, not 400 or 500).',
  },
  'get-user/unknown-id-returns-scim-error': {
    title: 'The 404 carries a SCIM Error body',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads the status; the SCIM Error body is an RFC 7644 §3.12 rule.',
      sources: [rfc7644('3.12')],
    },
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer 404 with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":…}.',
  },
})

export default defineFlow(checks, {
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
