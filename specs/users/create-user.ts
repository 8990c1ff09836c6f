// Entra "Create User": the match query finds nothing, then POST with Entra's body for the profile.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#create-user
import { createUser, listResources, queryUsers } from '../../helpers/steps/requests.ts'
import { matchingPrecedence, matchingValue } from '../../helpers/entra/profile.ts'
import {
  CheckBlocked,
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectSchema,
  expectStatus,
  expectTrue,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { entraUserBody, getAttribute, postedAttributes, valueFor } from '../../helpers/entra/profile.ts'
import { caseInsensitive, sameValue } from '../../helpers/steps/user-updates.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import type { PersonData } from '../../helpers/entra/test-data.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'

/** Every letter in the other case: `Maria.Lopez` → `mARIA.lOPEZ`. */
const swapCase = (s: string): string =>
  s.replace(/[A-Za-z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))

/**
 * POSTs another person under this userName (another email and externalId, so a server that is unique on those instead
 * is caught) and tracks what a wrong server creates, for cleanup.
 */
async function postDuplicate(ctx: FlowContext, person: PersonData, userName: string) {
  const other = ctx.data.person()
  const body = entraUserBody(ctx.profile, { ...person, userName, email: other.email, externalId: other.externalId })
  const ex = await ctx.scim.post('/Users', body)
  const id = (ex.response?.body as { id?: unknown } | undefined)?.id
  if (ex.response && ex.response.status < 300 && typeof id === 'string')
    ctx.created.add('User', id, `${userName} (duplicate)`)
  return ex
}

export default defineFlow({
  id: 'create-user',
  title: 'Create User',
  writes: true,
  async run(ctx) {
    const person = ctx.data.person()
    // Entra queries each matching attribute in precedence, the next only when the one before found nobody: for a new
    // user every one of them finds nobody, so every one is sent before the POST.
    const precedence = matchingPrecedence(ctx.profile, ctx.matchingAttribute)
    const queries: Exchange[] = []
    for (const attribute of precedence) queries.push(await queryUsers(ctx, attribute, matchingValue(attribute, person)))
    await ctx.check('create-user/query-finds-nothing', () => {
      for (const query of queries) {
        expectStatus(query, 200)
        expectEqual(query, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(query).totalResults, 0)
      }
    })

    const created = await createUser(ctx, person)
    const res = created.exchange
    await ctx.check('create-user/accepts-entra-body', () =>
      expectStatus(res, [200, 201], 'Entra creates the user with this body'),
    )
    // 201 rather than 200 is judged only on a POST that was accepted; a refusal is accepts-entra-body's finding.
    await ctx.check('create-user/responds-201', () => {
      dependsOn(res, 'no user was created')
      expectStatus(res, 201)
    })
    // What the answer should carry cannot be judged on a POST that was refused: those checks are blocked by accepts-entra-body.
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
        .map((path) => ({ path, sent: valueFor(path, person, ctx.profile), got: getAttribute(body, path) }))
        .filter((d) => d.sent !== undefined && !sameValue(d.path, d.got, d.sent))
      if (different.length > 0) {
        const list = different.map((d) => `${d.path}: sent ${short(d.sent)}, got ${short(d.got)}`).join('; ')
        throw new CheckFailure(
          `${requestLine(res)}: ${different.length} attribute(s) came back different (Entra will re-send them every cycle): ${list}`,
          Object.fromEntries(different.map((d) => [d.path, d.sent])),
          Object.fromEntries(different.map((d) => [d.path, d.got])),
        )
      }
    })
    await ctx.check('create-user/keeps-letter-case', () => {
      const body = expectJsonBody(res)
      const folded = postedAttributes(ctx.profile)
        .filter(caseInsensitive)
        .map((path) => ({ path, sent: valueFor(path, person, ctx.profile), got: getAttribute(body, path) }))
        .filter(
          (d) =>
            typeof d.sent === 'string' &&
            typeof d.got === 'string' &&
            d.got !== d.sent &&
            d.got.toLowerCase() === d.sent.toLowerCase(),
        )
      if (folded.length > 0) {
        throw new CheckFailure(
          `${requestLine(res)}: the letter case was changed (the same value for SCIM, as these attributes are caseExact false, but not what was sent): ` +
            folded.map((d) => `${d.path}: sent ${short(d.sent)}, got ${short(d.got)}`).join('; '),
          Object.fromEntries(folded.map((d) => [d.path, d.sent])),
          Object.fromEntries(folded.map((d) => [d.path, d.got])),
        )
      }
    })
    await ctx.check('create-user/responds-scim-content-type', () => {
      const type = res.response?.headers['content-type'] ?? ''
      expectTrue(
        res,
        /^application\/scim\+json\s*(;|$)/i.test(type),
        `Content-Type is "${type}"`,
        'application/scim+json',
        type || '(none)',
      )
    })

    // Matching precedence 1 is get-user-by-query's to judge; each later attribute is what Entra falls back on when the ones
    // before it find nobody (a UPN renamed in Entra, an account made in the app before provisioning).
    const later = precedence.slice(1)
    const byLater: { attribute: string; ex: Exchange }[] = []
    const createdId = (res.response?.body as { id?: unknown } | undefined)?.id
    if (later.length > 0 && typeof createdId === 'string')
      for (const attribute of later)
        byLater.push({ attribute, ex: await queryUsers(ctx, attribute, matchingValue(attribute, person)) })
    await ctx.check('create-user/finds-user-by-each-matching-attribute', () => {
      if (later.length === 0)
        throw new CheckSkipped(
          `the mapping matches on ${ctx.matchingAttribute} alone (get-user-by-query judges it); a profile with "matchingAttributes" lists the others`,
        )
      accepted()
      for (const { attribute, ex } of byLater) {
        // A filter on it that failed already for a new user is query-finds-nothing's finding: one defect, one cause.
        if (queries[precedence.indexOf(attribute)]?.response?.status !== 200)
          throw new CheckBlocked(
            'create-user/query-finds-nothing',
            `blocked by create-user/query-finds-nothing: the filter on ${attribute} already failed for a user that did not exist`,
          )
        const sent = matchingValue(attribute, person)
        // A value the server did not keep cannot be found by it: that is echoes-attributes' finding, not the filter's.
        if (!sameValue(attribute, getAttribute(expectJsonBody(res), attribute), sent))
          throw new CheckBlocked(
            'create-user/echoes-attributes',
            `blocked by create-user/echoes-attributes: the created user does not carry the ${attribute} that was sent, so a filter on it cannot be judged`,
          )
        expectStatus(ex, 200, `Entra queries ${attribute} when the matching attributes before it find nobody`)
        const ids = listResources(ex).map((r) => r.id)
        expectTrue(
          ex,
          ids.length === 1 && ids[0] === createdId,
          `the filter on ${attribute} found ${ids.length === 0 ? 'nobody' : `${ids.length} user(s), not exactly the one created`}: when ${precedence.slice(0, precedence.indexOf(attribute)).join(' and ')} find nobody, Entra ${ids.length === 0 ? 'POSTs the user again' : 'cannot tell which user is meant'}`,
          [createdId],
          ids,
        )
      }
    })

    // The same userName for another person: only userName is unique (RFC 7643 §4.1.1), so email and externalId differ.
    const duplicate = await postDuplicate(ctx, person, person.userName)
    await ctx.check('create-user/rejects-duplicate-username', () => {
      dependsOn(res, 'there is no first user to duplicate')
      expectStatus(
        duplicate,
        409,
        'the userName is already taken (the email and externalId are new: only userName must be unique)',
      )
    })
    await ctx.check('create-user/duplicate-carries-scim-type', () => {
      dependsOn(res, 'there is no first user to duplicate')
      // Which 409 it was is judged only when the duplicate was refused with 409.
      if (duplicate.response?.status !== 409)
        ctx.requirePassed(
          'create-user/rejects-duplicate-username',
          'the duplicate was not refused with 409, so there is no scimType to judge',
        )
      const body = expectJsonBody<{ scimType?: unknown }>(duplicate)
      expectEqual(duplicate, 'scimType', body.scimType, 'uniqueness')
    })
    await ctx.check('create-user/duplicate-error-is-scim-error', () => {
      dependsOn(res, 'there is no first user to duplicate')
      // An accepted duplicate has no error body: that is rejects-duplicate-username's failure, not this one's.
      if (duplicate.response && duplicate.response.status < 300)
        ctx.requirePassed(
          'create-user/rejects-duplicate-username',
          'the duplicate was accepted, so there is no error body to judge',
        )
      expectSchema(duplicate, 'error', 'Error')
    })
    // The prefix keeps its lower case, so the run's leftovers stay findable by `userName sw "<prefix>"`.
    const otherCase = `${ctx.data.prefix}${swapCase(person.userName.slice(ctx.data.prefix.length))}`
    const shouted = await postDuplicate(ctx, person, otherCase)
    await ctx.check('create-user/rejects-duplicate-username-in-other-case', () => {
      dependsOn(res, 'there is no first user to duplicate')
      if (duplicate.response?.status !== 409)
        throw new CheckBlocked(
          'create-user/rejects-duplicate-username',
          'the same userName in the same case was not refused either, so letter case is not what lets a duplicate in',
        )
      expectStatus(
        shouted,
        409,
        `"${otherCase}" is "${person.userName}" in other letter case, and userName is caseExact false (RFC 7643 §4.1.1)`,
      )
    })
  },
})
