// The user bodies Microsoft's validation posts that Entra's engine never does: the Logic App's scimUserBody (every
// target attribute with the template's default values, the same body for several users) and the SCIM Validator's
// random strings in every attribute /Schemas declares (Logic App template, Initialization_Workflow.json; Microsoft's
// SCIM Validator tutorial).
import type { Exchange } from '../../helpers/model/exchange.ts'
import { createUser, listResources } from '../../helpers/steps/requests.ts'
import { setAttribute, extensionOf, type Profile } from '../../helpers/entra/profile.ts'
import { CORE_USER } from '../../helpers/entra/urns.ts'
import { CheckBlocked, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import type { Ref } from '../../helpers/model/refs.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { logicAppWorkflow } from './shared-claims.ts'

/** Microsoft's SCIM Validator tutorial: value expressions and its known issues. */
const validatorTutorial: Ref = {
  label: 'Microsoft: Tutorial: Validate a SCIM endpoint (SCIM Validator)',
  url: 'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/scim-validator-tutorial',
}

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'validation-bodies/accepts-logic-app-user-body': {
    title:
      'POST /Users with the validation Logic App\'s own user body (every mapped attribute with its default values: "SCIM Test User", +1-555-xxxx phones, en-US, Test-<attribute>-<hex>) creates the user, twice with the same body',
    severity: 'gallery',
    evidence: {
      says: "The Logic App's SCIM tests post scimUserBody, built by its Initialization workflow: every target attribute but id, roles and references, with booleans true and, without a configured value, displayName \"SCIM Test User\", lasctest<hex>@<domain> emails, +1-555-xxxx phones, en-US, America/Los_Angeles and Test-<leaf>-<hex>; typed paths as arrays of {type, primary, value} with the first primary. Several users get the same body (pagination creates up to 11). Entra's engine sends the directory's values instead.",
      sources: [
        logicAppWorkflow('Initialization_Workflow.json', 'scimUserBody'),
        logicAppWorkflow('SCIMTests_Workflow.json', 'SCIM_User_Create_Test'),
        msValidation('SCIM_User_Create_Test'),
      ],
    },
    refs: [rfc7643('4.1'), rfc7644('3.3')],
    why: 'SCIM_User_Create_Test fails with "FAILED - Action: SCIM_Direct_Create_User - HTTP 400" (and the null-update, update, pagination and manager tests cannot create their users), though Entra\'s own creates work.',
    entra: GALLERY_ONLY,
    fix: 'Accept the default values of the validation (phone numbers with dashes such as +1-555-0123, the same displayName on several users, Test-<attribute>-<hex> strings), or give the Logic App values the endpoint accepts in scimTargetUserValues and defaultUserProperties.',
  },
  'validation-bodies/accepts-validator-random-values': {
    title:
      "POST /Users with random strings in every string attribute /Schemas declares without canonicalValues (as Microsoft's SCIM Validator fills them) creates the user",
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator discovers the attributes from /Schemas and fills each with a value expression such as {%generateRandomString N%}; its Create a new User test fails, and most later tests with it, when the endpoint refuses one. An attribute the endpoint restricts without declaring canonicalValues cannot be told apart from a free string. Time zones, language tags and references are left out: RFC 7643 gives them a format, and random time zones are a known issue Microsoft lists.",
      sources: [
        validatorTutorial,
        {
          label: 'pranems/SCIMServer: SCIM Validator runs, request bodies (third party)',
          url: 'https://github.com/pranems/SCIMServer/blob/HEAD/docs/archive/SCIM_VALIDATOR_FALSE_POSITIVES_REPORT.md',
        },
      ],
    },
    refs: [rfc7643('7'), rfc7643('2.3.1')],
    why: "The SCIM Validator's Create a new User fails (SFComplianceFailed), and the tests that need that user fail after it.",
    entra: GALLERY_ONLY,
    fix: "Accept any string in attributes /Schemas declares as free strings; for an attribute the endpoint restricts to a list, declare the list as canonicalValues in /Schemas and give the Validator one of those values (edit the attribute's value in its default-attributes view).",
  },
})

const DOMAIN = 'contoso.example'

/** The template's default value for a target attribute that has no configured value (Initialization_Workflow.json). */
function logicAppDefault(path: string, type: string | undefined, hex: () => string): unknown {
  const leaf = path.split(/[:.]/).pop()!.replace(/\[.*$/, '')
  if (type === 'boolean' || /^active$/i.test(path)) return true
  // Other types have no documented default: a valid value of the type, so only the documented strings are judged.
  if (type === 'integer') return 1
  if (type === 'decimal') return 1.5
  if (type === 'dateTime') return '2026-01-01T00:00:00Z'
  if (/^displayName$/i.test(path)) return 'SCIM Test User'
  if (/^emails\b/i.test(path)) return `lasctest${hex().slice(0, 8)}@${DOMAIN}`
  if (/^phoneNumbers\b/i.test(path))
    return `+1-555-${String(parseInt(hex().slice(0, 4), 16) % 10_000).padStart(4, '0')}`
  if (/^(preferredLanguage|locale)$/i.test(leaf)) return 'en-US'
  if (/^timezone$/i.test(leaf)) return 'America/Los_Angeles'
  return `Test-${leaf}-${hex().slice(0, 6)}`
}

/**
 * The Logic App's scimUserBody for a mapping: every target attribute but id, roles and references (the manager),
 * externalId a new GUID, typed paths as arrays whose first entry is primary, every extension URN in `schemas`.
 */
export function logicAppUserBody(
  profile: Pick<Profile, 'attributes' | 'types'>,
  userName: string,
  hex: () => string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [CORE_USER], userName }
  for (const path of profile.attributes) {
    const type = profile.types?.[path]
    if (/^(userName|id)$/i.test(path) || /^roles(\[|$|\.)/i.test(path) || /(^|:)manager$/i.test(path)) continue
    if (type === 'reference') continue
    setAttribute(body, path, /^externalId$/i.test(path) ? hex() : logicAppDefault(path, type, hex))
    const urn = extensionOf(path)
    if (urn && !(body.schemas as string[]).includes(urn)) (body.schemas as string[]).push(urn)
  }
  for (const value of Object.values(body))
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object'))
      (value as Record<string, unknown>[]).forEach((item, i) => (item.primary = i === 0))
  return body
}

interface SchemaAttr {
  name?: unknown
  type?: unknown
  multiValued?: unknown
  mutability?: unknown
  returned?: unknown
  canonicalValues?: unknown
  subAttributes?: unknown
}

// RFC 7643 gives these a format (IANA zone, language tags) or they name another resource; random values there are
// Microsoft's known issue (time zones) or not a free string, so the check does not send them.
const NOT_FREE = /^(id|userName|password|timezone|locale|preferredLanguage|manager|groups|roles|x509Certificates)$/i

/** An attribute the Validator would fill with a random string: a writable, returned, single-valued free string. */
function freeString(a: SchemaAttr): boolean {
  return (
    typeof a.name === 'string' &&
    !NOT_FREE.test(a.name) &&
    a.multiValued !== true &&
    a.mutability !== 'readOnly' &&
    a.mutability !== 'immutable' &&
    a.returned !== 'never' &&
    !(Array.isArray(a.canonicalValues) && a.canonicalValues.length > 0)
  )
}

/**
 * The Validator's Create a new User body from /Schemas: a random string in every free string attribute (and in the
 * free string sub-attributes of a single-valued complex one such as name) of the User schema and its extensions.
 */
export function validatorRandomBody(
  schemas: readonly Record<string, unknown>[],
  userName: string,
  random: () => string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [CORE_USER], userName }
  const fill = (attrs: unknown, into: Record<string, unknown>): void => {
    for (const a of Array.isArray(attrs) ? (attrs as SchemaAttr[]) : []) {
      if (!a || !freeString(a)) continue
      if (a.type === 'string') into[a.name as string] = random()
      else if (a.type === 'complex') {
        const inner: Record<string, unknown> = {}
        fill(
          (Array.isArray(a.subAttributes) ? (a.subAttributes as SchemaAttr[]) : []).filter((s) => s.type === 'string'),
          inner,
        )
        if (Object.keys(inner).length) into[a.name as string] = inner
      }
    }
  }
  for (const s of schemas) {
    const id = typeof s.id === 'string' ? s.id : ''
    if (id === CORE_USER) fill(s.attributes, body)
    else if (/^urn:ietf:params:scim:schemas:extension:.+:User$/i.test(id)) {
      const ext: Record<string, unknown> = {}
      fill(s.attributes, ext)
      if (Object.keys(ext).length) {
        body[id] = ext
        ;(body.schemas as string[]).push(id)
      }
    }
  }
  return body
}

/** The created user's id (tracked for cleanup), or undefined when the POST was not accepted with one. */
function track(ctx: FlowContext, ex: Exchange, userName: string): string | undefined {
  const id = (ex.response?.body as { id?: unknown } | undefined)?.id
  if (ex.response && ex.response.status < 300 && typeof id === 'string' && id !== '') {
    ctx.created.add('User', id, userName)
    return id
  }
  return undefined
}

/** 200 or 201 (Microsoft's tests accept either), an id, and the userName sent (case ignored: Logic Apps' comparison is not known). */
function expectCreated(ex: Exchange, userName: string): void {
  expectStatus(ex, [200, 201])
  const body = ex.response!.body as { id?: unknown; userName?: unknown } | undefined
  expectTrue(ex, typeof body?.id === 'string' && body.id !== '', 'the answer has no id', 'an id', body?.id)
  expectTrue(
    ex,
    String(body?.userName).toLowerCase() === userName.toLowerCase(),
    'the answer does not echo the userName sent',
    userName,
    body?.userName,
  )
}

export default defineFlow(checks, {
  id: 'validation-bodies',
  title: "User bodies of Microsoft's validation",
  writes: true,
  async run(ctx) {
    const hex = () => ctx.data.guid().replace(/-/g, '')
    // The control: Entra's own body. An endpoint that refuses it (or answers without an id) refuses every body for
    // that one defect, which create-user names; these checks are then blocked, not a second cause.
    const control = await createUser(ctx)
    const controlFails = !control.exchange.response || control.exchange.response.status >= 300
    const blocker = controlFails ? 'create-user/accepts-entra-body' : control.id ? undefined : 'create-user/returns-id'
    const presumeCreate = (): void => {
      if (blocker)
        throw new CheckBlocked(
          blocker,
          `blocked by ${blocker}: the endpoint does not create a user from Entra's own body either (${control.exchange.response?.status ?? 'no answer'}${controlFails ? '' : ', no id'}), so this body is not what it refuses`,
        )
    }
    // Run-prefixed userNames (cleanup finds them), then the validation's own shape: lascuser<8 hex>@<domain>.
    const names = [1, 2].map(() => `${ctx.data.prefix}-lascuser${hex().slice(0, 8)}@${DOMAIN}`)
    const posted: [Exchange, string][] = []
    // SCIM_User_Pagination_Test creates several users with the same body: the second POST differs only in its userName, emails and externalId.
    for (const name of names) {
      const ex = await ctx.scim.post('/Users', logicAppUserBody(ctx.profile, name, hex))
      track(ctx, ex, name)
      posted.push([ex, name])
    }
    await ctx.check('validation-bodies/accepts-logic-app-user-body', () => {
      presumeCreate()
      for (const [ex, name] of posted) expectCreated(ex, name)
    })

    const schemas = await ctx.scim.get('/Schemas')
    await ctx.check('validation-bodies/accepts-validator-random-values', async () => {
      presumeCreate()
      if (!Array.isArray((schemas.response?.body as { Resources?: unknown } | undefined)?.Resources))
        throw new CheckBlocked(
          'discovery/schemas-is-list-response',
          'blocked by discovery/schemas-is-list-response: /Schemas gave no list of schemas to read',
        )
      if (!listResources(schemas).some((s) => s.id === CORE_USER))
        throw new CheckBlocked(
          'discovery/schemas-describes-user',
          'blocked by discovery/schemas-describes-user: /Schemas does not describe the User schema',
        )
      const name = `${ctx.data.prefix}-validator${hex().slice(0, 8)}@${DOMAIN}`
      const ex = await ctx.scim.post(
        '/Users',
        validatorRandomBody(listResources(schemas), name, () => hex().slice(0, 12)),
      )
      track(ctx, ex, name)
      expectCreated(ex, name)
    })
  },
})
