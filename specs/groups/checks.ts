// Groups and memberships (Microsoft's SCIM tutorial, group operations; Microsoft's SCIM compliance article (aadOptscim062020), (d)): what Entra sends when it provisions a group.
import type { EntraConsequence } from '../../helpers/model/check-info.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import {
  CHURN,
  INVALID_ANCHOR,
  MEMBERS_IN_RESPONSE,
  SERVICE_INCOMPATIBLE,
  UNPARSEABLE,
} from '../../helpers/suite/consequences.ts'
import { capture, CAPTURES, entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

const DUPLICATE_GROUP: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse / DuplicateTargetEntries',
  effect:
    'Entra matches groups on displayName; with two groups of one name its match query returns both and the group cannot be provisioned.',
}

const PATCH_REFUSED: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementBadRequest (the endpoint’s error is shown verbatim)',
  effect: 'The group update fails and is retried every cycle; repeated failures can quarantine the job.',
  presumes: 'refused',
}

const MEMBERSHIP_DRIFT: EntraConsequence = {
  code: 'none: Entra logs the update as a success',
  effect: 'The members in the app differ from Entra and Entra never notices, because it does not read members back.',
  presumes: 'accepted',
}

const MEMBERS_LOST: EntraConsequence = {
  code: 'none: Entra logs the removal as a success',
  effect:
    'Removing one user empties the group in the app: every other member silently loses access, and Entra never re-adds them.',
}

export const createGroupChecks = defineChecks({
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

export const getGroupChecks = defineChecks({
  'get-group/returns-the-group': {
    title: "GET /Groups/{id}?excludedAttributes=members answers 200 with the group's id, displayName and externalId",
    severity: 'entra',
    evidence: {
      says: "Entra reads groups by id with excludedAttributes=members (Microsoft's example).",
      sources: [entra('tutorial', 'get-group')],
    },
    refs: [rfc7644('3.4.1'), entra('tutorial', 'get-group')],
    entra: INVALID_ANCHOR,
    fix: 'Serve every group by the id returned at creation, with the attributes it was created with.',
  },
  'get-group/excludes-members': {
    title: 'GET /Groups/{id}?excludedAttributes=members answers without the members',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires excludedAttributes=members; its error reference names members in the answer as a cause of MultipleEntriesInResponse.',
      sources: [entra('tutorial', 'get-group'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group')],
    why: 'Microsoft requires excludedAttributes=members; an empty members array is the same as none (RFC 7643 §2.5).',
    entra: MEMBERS_IN_RESPONSE,
    fix: 'Honour excludedAttributes: leave "members" out of the answer when it is excluded.',
  },
  'get-group/unknown-id-responds-404': {
    title: 'GET /Groups/{id} for an id that does not exist answers 404',
    severity: 'rfc',
    evidence: {
      says: 'No source shows what Entra does with a GET of an unknown group id; 404 for it is RFC 7644 §3.4.1.',
      sources: [rfc7644('3.4.1'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.4.1'), rfc7644('3.12')],
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for an unknown group id (not 200 with an empty body).',
  },
})

export const getGroupByDisplayNameChecks = defineChecks({
  'get-group-by-display-name/finds-exactly-one': {
    title: 'The displayName query of an existing group finds exactly that group',
    severity: 'entra',
    evidence: {
      says: "Entra matches groups with this query (Microsoft's example); two results stop it.",
      sources: [entra('tutorial', 'get-group-by-displayname'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-group-by-displayname')],
    entra: DUPLICATE_GROUP,
    fix: 'Support `displayName eq` filters on /Groups and return only the groups that match.',
  },
  'get-group-by-display-name/excludes-members': {
    title: 'The displayName query with excludedAttributes=members lists the group without its members',
    severity: 'entra',
    evidence: {
      says: "Entra's query carries excludedAttributes=members; members in the answer are a named cause of MultipleEntriesInResponse.",
      sources: [entra('tutorial', 'get-group-by-displayname'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group-by-displayname')],
    entra: MEMBERS_IN_RESPONSE,
    fix: 'Apply excludedAttributes to every resource of a ListResponse too.',
  },
  'get-group-by-display-name/matches-case-insensitively': {
    title: 'displayName matches in any letter case (group displayName is caseExact false)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator queries groups in other letter case; Entra queries with the name it provisioned.",
      sources: [CAPTURES.scimServer, entra('scim-validator'), rfc7643('8.7.1')],
    },
    refs: [rfc7643('8.7.1'), rfc7644('3.4.2.2'), entra('scim-validator')],
    why: 'A case-sensitive match makes Entra miss a group whose name differs only in case, and try to create it again.',
    entra: DUPLICATE_GROUP,
    fix: 'Compare displayName case-insensitively in filters.',
  },
})

export const updateGroupNonMemberChecks = defineChecks({
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
})

export const readGroupMembershipChecks = defineChecks({
  'read-group-membership/shows-members': {
    title: "Some read path shows a group's members: GET /Groups/{id}, the membership query, or the member's groups",
    severity: 'rfc',
    evidence: {
      says: "Entra never reads members back and Microsoft's tutorial lets a server return none; RFC 7643 §4.2 returns members by default. The suite needs one path to verify what Add and Remove did.",
      sources: [rfc7643('4.2'), entra('tutorial', 'get-group')],
    },
    refs: [rfc7643('4.2'), rfc7643('4.1.2'), rfc7644('3.4.2.2'), entra('tutorial', 'get-group')],
    why: 'How the suite reads membership back is never a requirement Entra puts on a server: without a read path the Add and Remove requests are judged by their answers only, and what they left in the group is unverified.',
    entra: {
      code: 'none: Entra does not read members back',
      effect:
        "Provisioning is unaffected; whether Entra's member adds and removals were applied cannot be verified on this server.",
    },
    fix: 'Return the stored members in GET /Groups/{id}, or support the membership filter `id eq "…" and members eq "…"`, or return `groups` on users, so that membership can be verified.',
  },
})

export const updateGroupAddMembersChecks = defineChecks({
  'update-group-add-members/responds-200-or-204': {
    title: 'A PATCH adding one member answers 204 (or 200)',
    severity: 'entra',
    evidence: {
      says: "Entra adds members with this PATCH, $ref null (Microsoft's example).",
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1'), entra('tutorial', 'update-group-add-members')],
    why: 'Entra sends {"op":"Add","path":"members","value":[{"$ref":null,"value":"<user id>"}]}; "$ref" is null.',
    entra: PATCH_REFUSED,
    fix: 'Accept Add on "members" with an array of {value} objects whose $ref is null, in any op letter case.',
  },
  'update-group-add-members/adds-the-member': {
    title: 'After the add, the group lists the new member',
    severity: 'entra',
    evidence: {
      says: 'Entra adds members by PATCH and does not read them back; a member not added silently lacks access.',
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1'), entra('tutorial', 'update-group-add-members')],
    entra: MEMBERSHIP_DRIFT,
    fix: 'Add every {value} of an Add on "members" to the group.',
  },
  'update-group-add-members/adds-several-members-in-one-patch': {
    title: 'One PATCH adding several members adds all of them',
    severity: 'entra',
    evidence: {
      says: "Entra puts several members in one Add operation (captured), as Microsoft's gallery requirements ask servers to accept.",
      sources: [CAPTURES.scimServer, entra('gallery-requirements')],
    },
    refs: [rfc7644('3.5.2.1'), entra('gallery-requirements')],
    why: 'Entra batches member additions into one Add operation; a server that keeps only the first loses the rest.',
    entra: MEMBERSHIP_DRIFT,
    fix: "Add every value of the operation's array, not just the first.",
  },
  'update-group-add-members/lists-members': {
    title: 'GET /Groups/{id} lists the members the membership query finds',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads groups with excludedAttributes=members and never needs the list; returning members by default is RFC 7643 §4.2 and §8.7.1.',
      sources: [rfc7643('4.2'), rfc7643('8.7.1')],
    },
    refs: [rfc7643('4.2'), rfc7643('8.7.1'), entra('tutorial', 'get-group')],
    why: "Entra never reads a group's member list (it asks with excludedAttributes=members), so provisioning works; but RFC 7643 returns members by default, and admins and other clients reading the group see it empty.",
    entra: {
      code: 'none: Entra does not read member lists',
      effect: 'Provisioning is unaffected; anyone else reading the group through SCIM sees no members.',
    },
    fix: 'Return the stored members in GET /Groups/{id} (unless excludedAttributes=members asks otherwise).',
  },
  'update-group-add-members/keeps-existing-members': {
    title: 'Adding members keeps the members the group already had',
    severity: 'entra',
    evidence: {
      says: 'Entra adds members one PATCH at a time; a server that replaces the list drops everyone else, and Entra never re-adds them.',
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1')],
    why: 'RFC 7644: add on a multi-valued attribute appends; only "replace" replaces the list.',
    entra: MEMBERS_LOST,
    fix: 'Treat Add on "members" as an append, never as a replacement of the member list.',
  },
  'update-group-add-members/adding-existing-member-succeeds': {
    title: 'Adding a member who is already in the group succeeds and leaves the group unchanged',
    severity: 'rfc',
    evidence: {
      says: 'RFC 7644 §3.5.2.1 says an add of a value already present SHOULD succeed without change; no source shows Entra re-adding members.',
      sources: [rfc7644('3.5.2.1')],
    },
    refs: [rfc7644('3.5.2.1')],
    why: 'RFC 7644: if the target already contains the value, no change SHOULD be made and success SHOULD be returned.',
    entra: PATCH_REFUSED,
    fix: 'Answer 204 (or 200) and keep a single entry for the member.',
  },
  'update-group-add-members/member-query-finds-group': {
    title:
      'GET /Groups?filter=id eq "…" and members eq "…"&attributes=id finds the group for a member, and not for a non-member',
    severity: 'rfc',
    evidence: {
      says: 'Only old Microsoft text documents the membership query; current use is not shown, so it is the RFC 7644 §3.4.2.2 filter rule.',
      sources: [rfc7644('3.4.2.2'), entra('tutorial', 'group-operations')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'group-operations')],
    why: 'Microsoft lists "querying groups by ID and by member"; Entra has been seen checking membership this way.',
    entra: {
      code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      effect: 'Where Entra checks membership by query, it cannot tell whether the user is in the group.',
    },
    fix: 'Support `and`, `id eq` and `members eq` in /Groups filters, with attributes=id.',
  },
})

export const updateGroupRemoveMembersChecks = defineChecks({
  'update-group-remove-members/responds-200-or-204': {
    title: 'A PATCH removing one member answers 204 (or 200)',
    severity: 'entra',
    evidence: {
      says: 'Entra removes members with Remove on members and a value array (captured, either letter case), or members[value eq …] with the flag.',
      sources: [CAPTURES.removeLowerCase, entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members'), entra('compatibility')],
    why: 'Legacy Entra sends "Remove" on members with a value array; with aadOptscim062020 a remove on members[value eq "…"].',
    entra: PATCH_REFUSED,
    fix: 'Accept both forms of member removal.',
  },
  'update-group-remove-members/removes-the-member': {
    title: 'After the removal, the member is no longer in the group: not listed, and not found by the membership query',
    severity: 'entra',
    evidence: {
      says: 'Entra removes members by PATCH and does not read them back; a removed user keeping membership keeps access.',
      sources: [entra('tutorial', 'update-group-remove-members'), CAPTURES.removeLowerCase],
    },
    refs: [rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'A removal answered 204 whose member stays in the group leaves a user Entra took out of the group with its access.',
    entra: MEMBERSHIP_DRIFT,
    fix: 'Remove the member named in the value array or in the value filter.',
  },
  'update-group-remove-members/keeps-other-members': {
    title: 'Removing one member keeps every other member',
    severity: 'entra',
    evidence: {
      says: 'Entra\'s value-array removal emptied groups on servers that read it as "remove all" (captured in production).',
      sources: [CAPTURES.removeEmptiesGroup, CAPTURES.removeLowerCase],
    },
    refs: [entra('compatibility'), rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'Legacy Entra names the member in "value" with path "members"; read to the letter of RFC 7644 that removes all members.',
    entra: MEMBERS_LOST,
    fix: 'For a remove on "members" with a value array, remove only the listed members; empty the group only when no value is sent.',
  },
  'update-group-remove-members/removing-absent-member-keeps-group': {
    title: 'Removing a user who is not a member answers 204 or 200 (or 400 noTarget) and changes nothing',
    severity: 'rfc',
    evidence: {
      says: 'No source shows Entra removing a member that is not there; RFC 7644 §3.5.2.2 and §3.12 set the answer.',
      sources: [rfc7644('3.5.2.2'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.5.2.2'), rfc7644('3.12')],
    why: 'Entra removes members it believes are there; a 404 tells it the group itself is gone.',
    entra: PATCH_REFUSED,
    fix: 'Ignore a removal whose member is not in the group (or answer 400 noTarget); never answer 404 or 5xx for an existing group.',
  },
  'update-group-remove-members/removes-by-lower-case-value-array': {
    title: 'A lower-case "remove" on "members" with a value array removes exactly the listed member',
    severity: 'entra',
    evidence: {
      says: "Azure was captured removing a member in this form; a server that ignores it leaves the removed user with the group's access.",
      sources: [CAPTURES.removeLowerCase],
    },
    refs: [CAPTURES.removeLowerCase, rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'Azure was captured removing a member with {"op":"remove","path":"members","value":[{"value":"<id>"}]}: the legacy value-array form with a lower-case op. A server that ignores it leaves the user in the group; one that reads it as "remove all" empties it.',
    entra: MEMBERSHIP_DRIFT,
    fix: 'Compare op case-insensitively and, for a remove on "members" with a value array, remove exactly the listed members.',
  },
})

export const deleteGroupChecks = defineChecks({
  'delete-group/responds-204': {
    title: 'DELETE /Groups/{id} answers 204 No Content',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows 204, and RFC 7644 §3.6 requires it; no source shows Entra refusing a 200.",
      sources: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    entra: { code: 'UnprocessableEntity', effect: 'Entra cannot confirm the deletion and retries it every cycle.' },
    fix: 'Answer a successful DELETE with 204 and no body.',
  },
  'delete-group/get-after-delete-responds-404': {
    title: 'After the delete, GET /Groups/{id} answers 404',
    severity: 'rfc',
    evidence: {
      says: "Entra never reads a group it deleted (the DELETE is the last request it sends for it), and Microsoft's gallery requirements allow soft delete; 404 after a DELETE is the RFC 7644 §3.6 rule.",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('tutorial', 'delete-group')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    entra: {
      code: 'none: Entra logs the delete as a success',
      effect: 'The group stays in the app though Entra believes it deleted it.',
    },
    fix: 'Delete the group (or hide it from every operation): RFC 7644 requires 404 for a deleted resource.',
  },
  'delete-group/second-delete-responds-404': {
    title: 'Deleting the same group again answers 404',
    severity: 'rfc',
    evidence: {
      says: 'What Entra does with a DELETE of a group already gone is not documented; RFC 7644 §3.6 requires 404.',
      sources: [rfc7644('3.6')],
    },
    refs: [rfc7644('3.6'), rfc7644('3.12')],
    entra: {
      code: 'none: Entra treats 404 on DELETE as already deleted',
      effect: 'An answer other than 404 hides that the group is gone, or fails a retried delete.',
    },
    fix: 'Answer 404 for every operation on a deleted group, DELETE included.',
  },
})

export const listGroupsChecks = defineChecks({
  'list-groups/pages-with-start-index-and-count': {
    title:
      'GET /Groups?startIndex=…&count=… answers page by page, echoing startIndex and returning at most count groups',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation pages /Groups (an optional test); Entra does not list groups page by page.",
      sources: [msValidation('SCIM_Group_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), entra('tutorial', 'understand-the-microsoft-entra-scim-implementation')],
    why: 'Microsoft asks for listing with pagination; its validation Logic App checks the returned startIndex of each page.',
    entra: {
      code: 'none at run time (SCIM Validator, gallery review)',
      effect: "Microsoft's validation reports paging as broken.",
    },
    fix: 'Honour startIndex (1-based) and count on /Groups and return the startIndex you served.',
  },
})

export const largeGroupChecks = defineChecks({
  'large-group/adds-members-in-batches-of-100': {
    title: 'Ten PATCHes of 100 members each all answer 204 (or 200)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery requirements ask for many memberships in one PATCH; Entra's batch size is not documented, so 100 is not shown to be sent.",
      sources: [entra('gallery-requirements'), CAPTURES.scimServer],
    },
    refs: [rfc7644('3.5.2.1'), entra('gallery-requirements')],
    why: "Entra adds several members in one PATCH; a group of 1,000 members is ordinary in a company directory. Microsoft publishes no batch size: 100 is the suite's choice.",
    entra: PATCH_REFUSED,
    fix: 'Accept Add operations with at least 100 members in one value array.',
  },
  'large-group/keeps-all-members': {
    title: 'After the ten PATCHes the group has all 1,000 members',
    severity: 'gallery',
    evidence: {
      says: "Follows the batches of 100, whose size Entra does not document; Microsoft's gallery requirements ask for many memberships in one PATCH.",
      sources: [entra('gallery-requirements'), rfc7644('3.5.2.1')],
    },
    refs: [rfc7644('3.5.2.1')],
    entra: MEMBERS_LOST,
    fix: 'Append each batch to the member list; do not cap or replace it.',
  },
  'large-group/reads-without-members': {
    title: 'GET /Groups/{id}?excludedAttributes=members of the 1,000-member group answers 200 without the members',
    severity: 'rfc',
    evidence: {
      says: 'Entra never needs the member list; answering the excluded read fast is RFC 7644 §3.4.2.5 plus good sense.',
      sources: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group')],
    why: 'Entra never needs the member list; a server that must load 1,000 members for every read is slow for large groups.',
    entra: MEMBERS_IN_RESPONSE,
    fix: "Skip loading members when they are excluded; the response time is reported in this check's message.",
  },
})

export const updateGroupReplaceMembersChecks = defineChecks({
  'update-group-replace-members/keeps-the-sent-member': {
    title:
      'A PATCH {"op":"replace","path":"members"} carrying only the member just changed is accepted and leaves that member in the group',
    severity: 'entra',
    evidence: {
      says: "Entra was captured sending a members replace with only the user it had just changed (Snipe-IT, 2026; reproduced by Infisical); Entra reads no members back, so a group the server empties instead loses everyone's access silently.",
      sources: [
        capture(
          "grokability/snipe-it #19096 (Entra's members replace with one member, 2026)",
          'https://github.com/grokability/snipe-it/issues/19096',
        ),
        capture(
          'Infisical/infisical PR #6525 (Entra sends replace for membership updates)',
          'https://github.com/Infisical/infisical/pull/6525',
        ),
      ],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-group-add-members')],
    why: 'Entra means "add these"; RFC 7644 §3.5.2.3 reads "exactly these". Both keep the member sent; a server that ends with no member loses even the user Entra was adding. The check\'s message says which reading the server applied.',
    entra: {
      code: 'none (Entra logs the update as a success)',
      effect:
        "Entra records the membership change as done, but the group ends without the member it sent: its users silently lose the group's access until the membership changes in Entra again.",
      presumes: 'accepted',
    },
    fix: 'Apply a members replace by setting the members to the list sent (RFC 7644 §3.5.2.3), never to an empty list; and honour excludedAttributes=members on group reads, so Entra sends Add instead.',
  },
})

export const updateGroupRemoveSeveralMembersChecks = defineChecks({
  'update-group-remove-several-members/removes-exactly-those-members': {
    title:
      'One PATCH removing two members (legacy: one value array; aadOptscim062020: two members[value eq] operations) removes both and keeps the third',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery requirements recommend updating several memberships in one PATCH and its validation checks multi-member PATCHes; no capture shows the provisioning service removing several members at once.",
      sources: [entra('gallery-requirements'), msValidation('Group_Update_Remove_Member_Test')],
    },
    refs: [rfc7644('3.5.2.2'), entra('gallery-requirements')],
    why: "A handler that reads only the first element of the value array, or only the first operation, leaves the others with the group's access.",
    entra: MEMBERSHIP_DRIFT,
    fix: 'Remove every member the value array names, and apply every operation of the PATCH.',
  },
})
