// App role assignments, when the mapping writes roles (Microsoft's 'Customize attribute mappings': SingleAppRoleAssignment,
// AppRoleAssignmentsComplex, AssertiveAppRoleAssignmentsComplex): the role in the create body, the legacy Add whose
// elements carry each role as a JSON object serialised into "value" (captured: Captain-P-Goldfish/SCIM-SDK #516), the
// replace of the whole role set, and the primary role's value path Microsoft's SCIM Validator sends. Sent as documented
// and captured, once per run; the stringified Add is the legacy dialect's (capital op; Microsoft says the flag makes the role formats of POST and PATCH consistent), so a run in
// aadOptscim062020 alone skips it rather than send a capitalised op Entra would not send.
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { entraUserBody } from '../../helpers/entra/profile.ts'
import { patchOp } from '../../helpers/entra/patch-ops.ts'
import { expectPatched, patchAndRead, readBody, requireMapped } from '../../helpers/steps/user-updates.ts'
import {
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectJsonBody,
  expectStatus,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UNPARSEABLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, capture, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-roles/create-stores-role': {
    title:
      'A POST /Users carrying roles [{"primary": true, "type": "WindowsAzureActiveDirectoryRole", "value": "Admin"}] is accepted and the role stored',
    severity: 'entra',
    evidence: {
      says: 'Microsoft documents this create body for an app that maps roles[primary eq "True"].value (SingleAppRoleAssignment), and it was reported from a tenant; a refusal fails the user\'s create.',
      sources: [
        entra('attribute-mappings'),
        capture(
          'MicrosoftDocs/entra-docs #391 (the POST roles body of SingleAppRoleAssignment)',
          'https://github.com/MicrosoftDocs/entra-docs/issues/391',
        ),
      ],
    },
    refs: [rfc7643('4.1.2'), entra('attribute-mappings')],
    why: "Only tenants that map roles send them; roles are not in Entra's default mapping.",
    entra: {
      ...UNPARSEABLE,
      effect: 'The user is not created (or created without the role it was assigned), and Entra retries every cycle.',
    },
    fix: 'Accept roles as a multi-valued complex attribute (value, display, type, primary as a JSON boolean) in POST bodies.',
  },
  'update-user-roles/adds-stringified-roles': {
    title:
      'A legacy Add on roles whose elements carry each role as a JSON object serialised into "value" stores each role\'s value',
    severity: 'entra',
    evidence: {
      says: 'Microsoft documents, and Entra was captured sending, AppRoleAssignmentsComplex roles as {"op": "Add", "path": "roles", "value": [{"value": "{\\"id\\": …, \\"value\\": …, \\"displayName\\": …}"}]}.',
      sources: [
        entra('attribute-mappings'),
        capture(
          "Captain-P-Goldfish/SCIM-SDK #516 (Entra's Add on roles with stringified values)",
          'https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/516',
        ),
      ],
    },
    refs: [rfc7644('3.5.2.1'), entra('attribute-mappings')],
    why: "Storing the serialised string as the role's value grants nothing, or the wrong role.",
    entra: CHURN,
    fix: 'When a roles element\'s value is a JSON object serialised as a string, read the role from its "value" (and "displayName") fields.',
  },
  'update-user-roles/replace-sets-role-set': {
    title: 'A replace on roles with a list of role objects leaves exactly those roles',
    severity: 'entra',
    evidence: {
      says: 'Microsoft documents AssertiveAppRoleAssignmentsComplex (its recommended roles expression) as a replace of the whole role set, removing the roles no longer assigned.',
      sources: [entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), entra('attribute-mappings')],
    why: 'A server that ignores or merges the replace leaves revoked roles in place.',
    entra: {
      ...CHURN,
      effect: 'A role revoked in Entra stays granted in the app, and Entra re-sends the replace every cycle.',
    },
    fix: 'Apply a replace on roles by setting the roles to the list sent.',
  },
  'update-user-roles/updates-primary-role-by-value-path': {
    title:
      'A replace on roles[primary eq "True"].value changes the primary role\'s value, and primary comes back a JSON boolean',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s SCIM Validator sends add and replace on roles[primary eq "True"].value (the target path of SingleAppRoleAssignment) and rejects "primary": "True" in the answer ("The value \'True\' cannot be parsed as the type \'Boolean\'"); no capture shows the provisioning service sending this path in a PATCH.',
      sources: [CAPTURES.validatorTraffic, entra('attribute-mappings'), entra('scim-validator')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('2.4'), entra('attribute-mappings')],
    why: 'A server that compares "True" as a string to the boolean primary finds no element, and appends one whose primary is the string "True".',
    entra: {
      code: 'none at run time (SCIM Validator: Patch User fails)',
      effect:
        'Microsoft\'s SCIM Validator fails the user update and a gallery review flags it; tenants whose mapping writes roles[primary eq "True"].value keep a stale primary role.',
    },
    fix: 'Resolve a value filter on primary by comparing "True"/"False" without case to the boolean, change that element\'s sub-attribute, and always return primary as a JSON boolean.',
  },
})

const ROLE_TYPE = 'WindowsAzureActiveDirectoryRole'

const roleValues = (user: Record<string, unknown>): unknown[] =>
  Array.isArray(user.roles) ? (user.roles as { value?: unknown }[]).map((r) => r?.value) : []

/** The "value" of a role sent as a JSON object serialised into a string, when `text` is one. */
function jsonValueOf(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined
  try {
    return (JSON.parse(text) as { value?: unknown }).value
  } catch {
    return undefined
  }
}

function expectRoles(where: string, user: Record<string, unknown>, expected: readonly string[], exact: boolean): void {
  const got = roleValues(user)
  const missing = expected.filter((v) => !got.includes(v))
  const extra = exact ? got.filter((v) => !expected.includes(v as string)) : []
  // The finding leads the message (a cause is titled by its first sentence): a role kept as the JSON text Entra
  // serialised it into, rather than the value inside that text.
  if (missing.length && missing.every((v) => got.some((g) => typeof g === 'string' && jsonValueOf(g) === v))) {
    throw new CheckFailure(
      `${where}: stores each role as the JSON text it was sent in, not the value inside it. Roles read back: ${short(got)}, expected ${short(expected)}`,
      expected,
      got,
    )
  }
  if (missing.length || extra.length) {
    throw new CheckFailure(
      `${where}: roles are ${short(got)}, expected ${exact ? 'exactly ' : ''}${short(expected)}${missing.length ? ` (missing ${short(missing)})` : ''}${extra.length ? ` (still there: ${short(extra)})` : ''}`,
      expected,
      got,
    )
  }
}

export default defineFlow(checks, {
  id: 'update-user-roles',
  title: 'Update User [App roles]',
  writes: true,
  async run(ctx) {
    ctx.require(
      ctx.profile.attributes.some((a) => /^roles(\[|$)/.test(a)),
      `profile '${ctx.profile.name}' does not map roles, so Entra never sends them`,
    )
    // SingleAppRoleAssignment on roles[primary eq "True"].value: the create body Microsoft documents.
    const person = ctx.data.person()
    const body = { ...entraUserBody(ctx.profile, person), roles: [{ primary: true, type: ROLE_TYPE, value: 'Admin' }] }
    const created = await ctx.scim.post('/Users', body)
    const id = (created.response?.body as { id?: unknown } | undefined)?.id
    if (created.response && created.response.status < 300 && typeof id === 'string')
      ctx.created.add('User', id, person.userName)
    const read = typeof id === 'string' ? await ctx.scim.get(`/Users/${encodeURIComponent(id)}`) : undefined

    await ctx.check('update-user-roles/create-stores-role', () => {
      expectStatus(created, [200, 201], 'Entra sends the assigned app role in the create body')
      if (!read) throw new CheckFailure(`${requestLine(created)}: the answer has no id`, 'an id', id, created)
      expectStatus(read, 200)
      expectRoles(requestLine(read), expectJsonBody(read), ['Admin'], false)
    })

    // The primary role changed through its value path, as Microsoft's SCIM Validator sends it (never captured from the
    // provisioning service): "True" in the path compares to the boolean primary.
    const primary =
      typeof id === 'string'
        ? await patchAndRead(
            ctx,
            id,
            patchOp({ op: 'replace', path: 'roles[primary eq "True"].value', value: 'Writer' }),
          )
        : undefined
    await ctx.check('update-user-roles/updates-primary-role-by-value-path', () => {
      ctx.requirePassed('update-user-roles/create-stores-role', 'there is no stored primary role to change')
      dependsOn(primary?.patch, 'there is no user with a primary role')
      expectPatched(primary!)
      const roles = readBody(primary!).roles
      const list = Array.isArray(roles) ? (roles as Record<string, unknown>[]) : []
      const where = requestLine(primary!.read)
      const textual = list.filter((r) => typeof r?.primary === 'string')
      if (textual.length > 0)
        throw new CheckFailure(
          `${where}: primary comes back as the string ${short(textual[0]!.primary)} (RFC 7643 §4.1.2: a boolean): "True" in the path was stored, not compared`,
          true,
          textual[0]!.primary,
        )
      const primaries = list.filter((r) => r?.primary === true)
      if (primaries.length !== 1 || primaries[0]!.value !== 'Writer')
        throw new CheckFailure(
          `${where}: after ${requestLine(primary!.patch)}, the roles marked primary are ${short(primaries.map((r) => r.value))}, expected exactly "Writer" (the primary role's value replaced)`,
          ['Writer'],
          primaries.map((r) => r.value),
        )
    })

    const user = await createUser(ctx)
    const userId = requireUserId(ctx, user)
    // AppRoleAssignmentsComplex: each role a JSON object serialised into the element's value.
    const roles = [
      { id: ctx.data.guid(), value: 'DocumentMgmt-Admin', displayName: 'DocumentMgmt Admin' },
      { id: ctx.data.guid(), value: 'Reader', displayName: 'Reader' },
    ]
    const added =
      ctx.dialect === 'legacy'
        ? await patchAndRead(
            ctx,
            userId,
            patchOp({ op: 'Add', path: 'roles', value: roles.map((r) => ({ value: JSON.stringify(r) })) }),
          )
        : undefined
    await ctx.check('update-user-roles/adds-stringified-roles', () => {
      if (!added)
        throw new CheckSkipped(
          "the Add with stringified roles is the legacy dialect's shape, and this flow runs once, in the run's aadOptscim062020",
        )
      requireMapped(ctx.profile, 'roles')
      expectPatched(added)
      expectRoles(
        requestLine(added.read),
        readBody(added),
        roles.map((r) => r.value),
        false,
      )
    })

    // AssertiveAppRoleAssignmentsComplex: the whole role set, so a role not listed is revoked.
    const replaced = await patchAndRead(
      ctx,
      userId,
      patchOp({
        op: 'replace',
        path: 'roles',
        value: [{ primary: false, type: ROLE_TYPE, display: 'User', value: 'User' }],
      }),
    )
    await ctx.check('update-user-roles/replace-sets-role-set', () => {
      expectPatched(replaced)
      expectRoles(requestLine(replaced.read), readBody(replaced), ['User'], true)
    })
  },
})
