// Entra "Create Group": the displayName query finds nothing, then POST with Entra's body; then a duplicate name.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#create-group
import { createGroup, newGroupName } from '../../helpers/steps/groups.ts'
import { entraGroupBody, groupPath, mappedGroupValues } from '../../helpers/entra/group-body.ts'
import { getAttribute } from '../../helpers/entra/profile.ts'
import { queryGroups } from '../../helpers/steps/requests.ts'
import {
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectStatus,
  expectTrue,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, SERVICE_INCOMPATIBLE, UNPARSEABLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { DUPLICATE_GROUP } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'create-group/query-finds-nothing': {
    title: 'The displayName query for a new group answers 200 with an empty ListResponse',
    severity: 'entra',
    evidence: {
      says: "Entra sends this displayName query before every group create (Microsoft's example).",
      sources: [entra('tutorial', 'get-group-by-displayname')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-group-by-displayname')],
    why: 'Entra sends GET /Groups?excludedAttributes=members&filter=displayName eq "…" before every group create.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Support `displayName eq` filters on /Groups together with excludedAttributes, answering 200 and totalResults 0 when nothing matches.',
  },
  'create-group/responds-201': {
    title: "POST /Groups with Entra's body (two schema URIs, empty members) answers 201 Created",
    severity: 'entra',
    evidence: {
      says: "Entra creates groups with this body, Microsoft's schema URI included (Microsoft's example).",
      sources: [entra('tutorial', 'create-group')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'create-group')],
    why: "Entra lists Microsoft's own schema URI next to the core Group URI; a server must tolerate it.",
    entra: UNPARSEABLE,
    fix: 'Accept unknown URIs in "schemas" and an empty "members" array, and answer 201 with the new group.',
  },
  'create-group/returns-id': {
    title: 'The created group comes back with a non-empty string id',
    severity: 'entra',
    evidence: {
      says: "Entra stores the group's id and sends every later group request to /Groups/{id}.",
      sources: [entra('tutorial', 'create-group'), entra('how-provisioning-works')],
    },
    refs: [rfc7643('3.1'), entra('tutorial', 'create-group')],
    why: 'Entra stores this id and sends every later group request to /Groups/{id}.',
    entra: UNPARSEABLE,
    fix: 'Return the new group with its server-assigned "id".',
  },
  'create-group/echoes-display-name-and-external-id': {
    title: 'The created group carries the displayName and externalId Entra sent',
    severity: 'entra',
    evidence: {
      says: 'Entra maps objectId to externalId and matches groups on displayName; a changed value is wrong data, re-sent every cycle.',
      sources: [entra('tutorial', 'create-group'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.3'), rfc7643('4.2'), entra('tutorial', 'create-group')],
    why: 'Entra maps its objectId to externalId and matches on displayName; a changed value is re-sent every cycle.',
    entra: CHURN,
    fix: 'Store displayName and externalId exactly as sent and return them.',
  },
  'create-group/stores-mapped-attributes': {
    title: 'The group attributes the mapping adds (e.g. description) are stored as the create sent them',
    severity: 'gallery',
    evidence: {
      says: "A group mapping can add attributes such as description (Microsoft's 'Customize attribute mappings'), and Microsoft's validation provisions its test group through the app's own mapping and requires every mapped group attribute in /Schemas; no capture shows the provisioning service's POST with one, so this is not judged at Entra's level.",
      sources: [
        msValidation('Create_Group_Test'),
        msValidation('Schema_Discoverability_Test'),
        entra('attribute-mappings'),
      ],
    },
    refs: [rfc7644('3.3'), rfc7643('2.2'), entra('attribute-mappings')],
    why: 'A server that keeps only displayName, externalId and members drops what the mapping adds, and the app never shows it.',
    entra: {
      ...CHURN,
      effect:
        'The group is created without the mapped value; Entra sees the difference and sends an update for the group every cycle.',
    },
    fix: 'Store every group attribute your /Schemas declares (description included) from the POST, and return it.',
  },
  'create-group/rejects-duplicate-display-name': {
    title: 'A second group with the same displayName is refused with 409',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator expects 409 for a duplicate group; RFC 7643 does not make displayName unique.",
      sources: [CAPTURES.scimServer, entra('scim-validator')],
    },
    refs: [entra('scim-validator'), entra('tutorial', 'create-group'), rfc7643('8.7.1')],
    why: "RFC 7643 declares group displayName not unique, but Entra matches groups on it and Microsoft's validator expects 409.",
    entra: DUPLICATE_GROUP,
    fix: 'Refuse a group whose displayName (ignoring case) is already taken with 409 and scimType "uniqueness".',
  },
})

export default defineFlow(checks, {
  id: 'create-group',
  title: 'Create Group',
  writes: true,
  groups: true,
  async run(ctx) {
    const displayName = newGroupName(ctx)
    const query = await queryGroups(ctx, displayName)
    await ctx.check('create-group/query-finds-nothing', () => {
      expectStatus(query, 200, 'a displayName that matches no group is not an error')
      expectEqual(query, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(query).totalResults, 0)
    })

    const created = await createGroup(ctx, displayName)
    const res = created.exchange
    await ctx.check('create-group/responds-201', () => expectStatus(res, 201))
    await ctx.check('create-group/returns-id', () => {
      dependsOn(res, 'no group was created')
      const id = expectJsonBody<{ id?: unknown }>(res).id
      expectTrue(res, typeof id === 'string' && id !== '', 'the answer has no string id', 'a non-empty string', id)
    })
    await ctx.check('create-group/echoes-display-name-and-external-id', () => {
      dependsOn(res, 'no group was created')
      const body = expectJsonBody<{ displayName?: unknown; externalId?: unknown }>(res)
      expectEqual(res, 'displayName', body.displayName, displayName)
      expectEqual(
        res,
        'externalId',
        body.externalId,
        created.externalId,
        "Entra sends the group's objectId as externalId",
      )
    })

    // What the group mapping adds, read back as Entra reads a group (without members).
    const mapped = mappedGroupValues(ctx.profile.groupAttributes, displayName)
    const stored =
      Object.keys(mapped).length > 0 && created.id
        ? await ctx.scim.get(groupPath(created.id), { query: [['excludedAttributes', 'members']] })
        : undefined
    await ctx.check('create-group/stores-mapped-attributes', () => {
      if (Object.keys(mapped).length === 0)
        throw new CheckSkipped(
          `profile '${ctx.profile.name}' does not map a group attribute beyond displayName, externalId and members ("groupAttributes" lists them)`,
        )
      dependsOn(res, 'no group was created')
      dependsOn(stored, 'the created group has no id to read it by')
      expectStatus(stored!, 200)
      const body = expectJsonBody(stored!)
      const different = Object.entries(mapped).filter(([path, sent]) => getAttribute(body, path) !== sent)
      if (different.length > 0)
        throw new CheckFailure(
          `${requestLine(stored!)} after ${requestLine(res)}: ${different.map(([path, sent]) => `${path}: sent ${short(sent)}, got ${short(getAttribute(body, path))}`).join('; ')}`,
          Object.fromEntries(different),
          Object.fromEntries(different.map(([path]) => [path, getAttribute(body, path)])),
        )
    })

    // A second group under the same name, as Microsoft's validator sends it: another objectId, one displayName.
    const duplicate = await ctx.scim.post('/Groups', entraGroupBody(displayName, ctx.data.groupExternalId()))
    const dupId = (duplicate.response?.body as { id?: unknown } | undefined)?.id
    if (duplicate.response && duplicate.response.status < 300 && typeof dupId === 'string')
      ctx.created.add('Group', dupId, `${displayName} (duplicate)`)
    await ctx.check('create-group/rejects-duplicate-display-name', () => {
      dependsOn(res, 'there is no first group to duplicate')
      expectStatus(duplicate, 409, 'a group with this displayName exists')
    })
  },
})
