// Entra "Update Group [Non-member attributes]": rename with a path (legacy) or path-less (aadOptscim062020),
// and replace externalId the same way, each read back. https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-group-non-member-attributes
import { createGroup, describeRequest, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath, mappedGroupValues } from '../../helpers/entra/group-body.ts'
import { getAttribute } from '../../helpers/entra/profile.ts'
import {
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectStatus,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { groupUpdate } from '../../helpers/entra/patch-ops.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { PATCH_REFUSED } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-group-non-member-attributes/responds-200-or-204': {
    title: 'A PATCH renaming the group answers 204 (or 200 with the group)',
    severity: 'entra',
    evidence: {
      says: "Entra renames groups with this PATCH (Microsoft's example) in both dialects.",
      sources: [entra('tutorial', 'update-group-non-member-attributes'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-group-non-member-attributes'), entra('compatibility')],
    why: 'Legacy Entra sends "Replace" with path displayName; with aadOptscim062020 a path-less replace whose value names the attribute.',
    entra: PATCH_REFUSED,
    fix: 'Accept "Replace"/"replace" with path displayName, and the path-less form {"op":"replace","value":{"displayName":…}}.',
  },
  'update-group-non-member-attributes/renames-group': {
    title: 'After the rename, GET /Groups/{id} shows the new displayName',
    severity: 'entra',
    evidence: {
      says: 'Entra renames groups by PATCH; a name that does not stick is wrong data.',
      sources: [entra('tutorial', 'update-group-non-member-attributes')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-group-non-member-attributes')],
    entra: CHURN,
    fix: 'Apply displayName from both PATCH forms (with a path, and path-less) and store it.',
  },
  'update-group-non-member-attributes/replaces-external-id': {
    title: 'A PATCH replacing externalId answers 200 or 204 and the group then carries the new externalId',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator replaces a group's externalId path-less; Entra's externalId is the group's objectId, which does not change.",
      sources: [CAPTURES.scimServer, entra('scim-validator')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('3.1'), entra('compatibility')],
    why: 'Microsoft\'s SCIM Validator sends {"op":"replace","value":{"externalId":…}}.',
    entra: CHURN,
    fix: 'Let PATCH replace externalId, with a path or path-less.',
  },
  'update-group-non-member-attributes/updates-mapped-attributes': {
    title:
      'A PATCH replacing the group attributes the mapping adds (e.g. description) answers 200 or 204 and the group then carries the new values',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation replaces every writable single-valued attribute of the Group schema, one operation per attribute (SCIM_Group_Update_Test), and a group mapping can add such attributes (Microsoft's 'Customize attribute mappings'); no capture shows the provisioning service's PATCH of one, so this is not judged at Entra's level.",
      sources: [msValidation('SCIM_Group_Update_Test'), entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), entra('attribute-mappings')],
    why: 'A server that applies only displayName and members to a group PATCH answers success and keeps the old description.',
    entra: {
      ...CHURN,
      effect: "The app keeps the group's old value; Entra sees the difference and sends the update again every cycle.",
    },
    fix: 'Apply a replace on every group attribute your /Schemas declares (description included), with a path or path-less.',
  },
})

export default defineFlow(checks, {
  id: 'update-group-non-member-attributes',
  title: 'Update Group [Non-member attributes]',
  perDialect: true,
  writes: true,
  groups: true,
  async run(ctx) {
    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    const read = () => ctx.scim.get(groupPath(id), { query: [['excludedAttributes', 'members']] })

    const newName = `${group.displayName} renamed`
    const rename = await ctx.scim.patch(
      groupPath(id),
      groupUpdate(ctx.dialect, [{ path: 'displayName', value: newName }]),
    )
    await ctx.check('update-group-non-member-attributes/responds-200-or-204', () => expectStatus(rename, [200, 204]))
    const renamed = await read()
    await ctx.check('update-group-non-member-attributes/renames-group', () => {
      dependsOn(rename, 'the group was never renamed')
      expectStatus(renamed, 200)
      expectEqual(
        renamed,
        'displayName',
        expectJsonBody<{ displayName?: unknown }>(renamed).displayName,
        newName,
        `after ${describeRequest(rename)}`,
      )
    })

    const newExternalId = ctx.data.groupExternalId()
    const replace = await ctx.scim.patch(
      groupPath(id),
      groupUpdate(ctx.dialect, [{ path: 'externalId', value: newExternalId }]),
    )
    const after = await read()
    await ctx.check('update-group-non-member-attributes/replaces-external-id', () => {
      expectStatus(replace, [200, 204])
      expectStatus(after, 200)
      expectEqual(
        after,
        'externalId',
        expectJsonBody<{ externalId?: unknown }>(after).externalId,
        newExternalId,
        `after ${describeRequest(replace)}`,
      )
    })

    // The group attributes the mapping adds, changed in the group as Entra updates a changed value.
    const changes = Object.entries(mappedGroupValues(ctx.profile.groupAttributes, group.displayName, 1)).map(
      ([path, value]) => ({ path, value }),
    )
    const update =
      changes.length > 0 ? await ctx.scim.patch(groupPath(id), groupUpdate(ctx.dialect, changes)) : undefined
    const updated = update ? await read() : undefined
    await ctx.check('update-group-non-member-attributes/updates-mapped-attributes', () => {
      if (!update || !updated)
        throw new CheckSkipped(
          `profile '${ctx.profile.name}' does not map a group attribute beyond displayName, externalId and members ("groupAttributes" lists them)`,
        )
      expectStatus(update, [200, 204])
      expectStatus(updated, 200)
      const body = expectJsonBody(updated)
      const different = changes.filter((c) => getAttribute(body, c.path) !== c.value)
      if (different.length > 0)
        throw new CheckFailure(
          `${requestLine(updated)} after ${describeRequest(update)}: ${different.map((c) => `${c.path}: sent ${short(c.value)}, got ${short(getAttribute(body, c.path))}`).join('; ')}`,
          Object.fromEntries(different.map((c) => [c.path, c.value])),
          Object.fromEntries(different.map((c) => [c.path, getAttribute(body, c.path)])),
        )
    })
  },
})
