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
import type { PersonData } from '../../helpers/entra/person.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import {
  ADMIN_CONFUSION,
  CHURN,
  CONFLICT,
  DUPLICATE_TARGET,
  SERVICE_INCOMPATIBLE,
  UNPARSEABLE,
} from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, graphMatchingPriority, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'create-user/query-finds-nothing': {
    title: 'The match query for a new user answers 200 with an empty ListResponse',
    severity: 'entra',
    evidence: {
      says: 'Entra queries by the matching attributes, in their matching precedence, before every create; Microsoft forbids anything but an empty result for no match.',
      sources: [entra('tutorial', 'create-user'), entra('attribute-mappings'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'create-user')],
    why: 'Entra queries each matching attribute of the mapping (userName, then externalId or the work email when mapped so) before every create; anything but an empty list stops the create.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer a filter that matches nothing with 200 and totalResults 0.',
  },
  'create-user/accepts-entra-body': {
    title: "POST /Users with Entra's body is accepted (201 Created, or 200)",
    severity: 'entra',
    evidence: {
      says: "Entra creates every new user with this POST; a refusal fails the user's provisioning and is retried every cycle.",
      sources: [entra('tutorial', 'create-user'), entra('error-codes')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: "Accept Entra's body (core and enterprise schemas, work email, name, externalId, active, roles: []) and answer 201.",
  },
  'create-user/responds-201': {
    title: 'An accepted POST /Users answers 201 Created, not 200',
    severity: 'rfc',
    evidence: {
      says: "No source shows Entra treating a 200 to its POST differently from a 201, and Microsoft's own validation accepts both (SCIM_User_Create_Test: 200/201); 201 is the RFC 7644 §3.3 rule.",
      sources: [rfc7644('3.3'), msValidation('SCIM_User_Create_Test')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: {
      code: 'none: Entra reads the created user from a 200 as from a 201',
      effect: 'Provisioning works; other SCIM clients may not take a 200 as a create.',
    },
    fix: 'Answer a successful create with 201 Created and a Location header.',
  },
  'create-user/returns-id': {
    title: 'The created user comes back with a non-empty string id',
    severity: 'entra',
    evidence: {
      says: 'Entra stores the returned id and uses it for every later request on the user.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'create-user')],
    },
    refs: [rfc7643('3.1'), entra('tutorial', 'create-user')],
    why: 'Entra stores this id and uses it for every later request on the user.',
    entra: UNPARSEABLE,
    fix: 'Return the new resource with its server-assigned "id".',
  },
  'create-user/response-is-valid-user': {
    title: 'The 201 body is a valid SCIM User (RFC 7643 types: booleans are booleans, manager an object)',
    severity: 'entra',
    evidence: {
      says: 'Entra deserializes the created user; a body it cannot read fails with ServiceIncompatible.',
      sources: [entra('error-codes'), CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.1'), rfc7643('2.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: 'Return attributes with the types RFC 7643 declares; never "true" as a string or the manager as a bare id.',
  },
  'create-user/echoes-attributes': {
    title: 'Every attribute Entra sent comes back unchanged',
    severity: 'entra',
    evidence: {
      says: 'Entra re-sends an attribute whose stored value differs from what it sent, every cycle (captured for the manager).',
      sources: [CAPTURES.cycle, entra('tutorial', 'general')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'general')],
    why: 'Entra compares what it reads with what it sent; a transformed value is re-sent every cycle.',
    entra: CHURN,
    fix: 'Store values exactly as sent (no reformatting of phone numbers, case changes or dropped sub-attributes).',
  },
  'create-user/keeps-letter-case': {
    title: 'userName and email addresses come back in the letter case they were sent in',
    severity: 'rfc',
    evidence: {
      says: 'Entra compares userName and emails without case, so a folded case changes nothing it does; keeping the value as sent is the RFC 7643 §2.1 reading of a caseExact false attribute.',
      sources: [rfc7643('2.1'), rfc7643('4.1.1')],
    },
    refs: [rfc7643('2.1'), rfc7643('4.1.1'), rfc7643('4.1.2')],
    why: 'userName and emails are caseExact false (RFC 7643 §4.1.1, §4.1.2), so a folded case is the same value and not a failure; but the app then shows Maria.Lopez@Contoso.example as maria.lopez@contoso.example.',
    entra: {
      code: 'none: userName and emails compare without case',
      effect: 'Provisioning works; the app shows names and addresses in another case than the directory.',
    },
    fix: 'Store userName and email values as sent, and compare them without case (filters, uniqueness).',
  },
  'create-user/responds-scim-content-type': {
    title: 'Responses carry Content-Type application/scim+json (charset allowed)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator aborts on application/json; the provisioning service is not shown to reject it.",
      sources: [CAPTURES.validatorContentType, entra('tutorial', 'general')],
    },
    refs: [rfc7644('3.1'), entra('tutorial', 'general')],
    why: "Microsoft's SCIM Validator aborts on application/json; the provisioning service itself is more tolerant.",
    entra: {
      code: 'none at run time (SCIM Validator aborts)',
      effect: "Microsoft's SCIM Validator stops its run; gallery review flags it.",
    },
    fix: 'Send Content-Type: application/scim+json; charset=utf-8 on every SCIM response.',
  },
  'create-user/finds-user-by-each-matching-attribute': {
    title:
      'A filter on each later matching attribute of the mapping (externalId, the work email) finds the created user, as Entra falls back on it',
    severity: 'entra',
    evidence: {
      says: 'Entra tries the matching attributes in their matching precedence and queries the next when one finds nobody (a UPN renamed in Entra, an account the app made before provisioning); it was captured matching on externalId at run time, and Microsoft documents the externalId and work-email filters as matching queries.',
      sources: [
        entra('attribute-mappings', 'understanding-attribute-mapping-properties'),
        graphMatchingPriority,
        CAPTURES.cycle,
        entra('tutorial', 'get-user-by-query'),
      ],
    },
    refs: [
      entra('attribute-mappings', 'understanding-attribute-mapping-properties'),
      graphMatchingPriority,
      rfc7644('3.4.2.2'),
    ],
    why: 'A server that filters only on userName answers every other matching query with nobody: Entra then POSTs a user the app already holds.',
    entra: {
      code: 'none logged: the match step finds nobody, then the create',
      effect:
        'Entra finds no user by this attribute and POSTs the user again: the app gets a duplicate account (a second user with the same externalId or email), or refuses the POST with a 409 that fails the user as Conflict / EntryConflict.',
    },
    fix: 'Support eq filters on every attribute the mapping matches on (externalId compared exactly, the work email ignoring case), answering the user that holds the value.',
  },
  'create-user/rejects-duplicate-username': {
    title: 'A second POST with the same userName is refused with 409',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured POSTing a user that already existed, reading the 409, and updating the existing user instead; a server that accepts the POST gets a second account.',
      sources: [CAPTURES.cycle, entra('error-codes')],
    },
    refs: [rfc7644('3.3'), rfc7644('3.12')],
    entra: CONFLICT,
    why: "The duplicate carries another email and externalId: a server that is unique on those instead of userName lets it in, and Entra's match query on userName then finds two users.",
    fix: 'Enforce userName uniqueness (ignoring case) and answer 409 with scimType "uniqueness".',
  },
  'create-user/duplicate-carries-scim-type': {
    title: 'The 409 for a duplicate userName carries scimType "uniqueness"',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads the 409 status, and no source shows it reading scimType; scimType "uniqueness" is the RFC 7644 §3.3 and §3.12 rule.',
      sources: [rfc7644('3.3'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.12'), rfc7644('3.3')],
    entra: {
      code: 'none: Entra reads the 409 status',
      effect: 'Provisioning works; other SCIM clients cannot tell a uniqueness conflict from another 409.',
    },
    fix: 'Add "scimType": "uniqueness" to the 409 body.',
  },
  'create-user/rejects-duplicate-username-in-other-case': {
    title: 'A POST whose userName differs from an existing one only in letter case is refused with 409',
    severity: 'rfc',
    evidence: {
      says: 'Entra queries the userName before it creates and the query compares without case, so it does not POST a name that differs only in case; uniqueness without case is the RFC 7643 §4.1.1 rule (caseExact false, uniqueness server).',
      sources: [rfc7643('4.1.1'), rfc7644('3.3')],
    },
    refs: [rfc7643('4.1.1'), rfc7644('3.3'), rfc7644('3.12'), entra('scim-validator')],
    why: "userName is caseExact false and unique (RFC 7643 §4.1.1), so Maria.Lopez and maria.lopez are one name. Entra's match query compares without case: with both stored, it finds two users for one name and cannot provision either.",
    entra: DUPLICATE_TARGET,
    fix: 'Compare userName without case in the uniqueness check (e.g. a unique index on its lower-cased value) and answer 409 with scimType "uniqueness".',
  },
  'create-user/duplicate-error-is-scim-error': {
    title: 'The 409 carries a SCIM Error body',
    severity: 'rfc',
    evidence: {
      says: 'Entra shows the error body verbatim but reads the status; the SCIM Error body is an RFC 7644 §3.12 rule.',
      sources: [rfc7644('3.12')],
    },
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer errors with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":…}.',
  },
})

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

export default defineFlow(checks, {
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
          `profile '${ctx.profile.name}' does not map a second matching attribute: Entra matches on ${ctx.matchingAttribute} alone, which get-user-by-query judges ("matchingAttributes" lists them in precedence)`,
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
        const before = precedence.slice(0, precedence.indexOf(attribute))
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
          `the filter on ${attribute} found ${ids.length === 0 ? 'nobody' : `${ids.length} user(s), not exactly the one created`}: when ${before.join(' and ')} ${before.length > 1 ? 'find' : 'finds'} nobody, Entra ${ids.length === 0 ? 'POSTs the user again (a duplicate account, or a 409 Conflict)' : 'cannot tell which user is meant'}`,
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
