// The rest of a user's life in Entra (Microsoft's SCIM tutorial; Microsoft's SCIM compliance article (aadOptscim062020); Microsoft's validation Logic App): updates in both PATCH dialects,
// manager, disable, delete, empty values, several operations, and paging.
import { defineChecks } from '../../helpers/model/check-info.ts'
import {
  ACCESS_KEPT,
  CHURN,
  DELETE_IGNORED,
  DISABLED_INVISIBLE,
  INVALID_ANCHOR,
  SERVICE_INCOMPATIBLE,
  UNPARSEABLE,
  UPDATE_REJECTED,
  VALIDATION_ONLY,
} from '../../helpers/suite/consequences.ts'
import {
  capture,
  CAPTURES,
  clearAttributeValues,
  entra,
  msValidation,
  rfc7643,
  rfc7644,
} from '../../helpers/model/refs.ts'

const PATCH_STATUS_FIX =
  'Accept Entra\'s PatchOp in both dialects ("Replace" or "replace", with or without path) and answer 200 with the user or 204.'
const READ_BACK_WHY =
  'Entra compares what it reads with what it sent; a value that comes back different is re-sent every cycle.'

export const updateSingleValuedChecks = defineChecks({
  'update-user-single-valued/responds-200-or-204': {
    title: 'PATCH of single-valued attributes, as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra sends attribute changes as this PATCH in each dialect; a refusal fails the update every cycle.',
      sources: [entra('tutorial', 'update-user-single-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-single-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-single-valued/renames-username': {
    title: 'After a PATCH replacing userName, GET shows the new userName',
    severity: 'entra',
    evidence: {
      says: "Microsoft's tutorial shows Entra replacing userName by PATCH; a rename that does not stick leaves the old name.",
      sources: [entra('tutorial', 'update-user-single-valued-properties')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: 'A UPN change in Entra renames the user; the old name must not stick.',
    entra: CHURN,
    fix: 'Let userName be replaced by PATCH (it is readWrite in RFC 7643 §4.1.1), keeping it unique.',
  },
  'update-user-single-valued/updates-display-name': {
    title: 'After a PATCH replacing displayName, GET shows exactly the value sent',
    severity: 'entra',
    evidence: {
      says: "Entra's legacy PATCH replaces displayName (Microsoft's example body); a value that does not stick is wrong data, re-sent every cycle.",
      sources: [entra('compatibility'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on displayName, with a path or as a key of a path-less value object.',
  },
  'update-user-single-valued/updates-title': {
    title: 'After a PATCH replacing title, GET shows exactly the value sent',
    severity: 'entra',
    evidence: {
      says: "title is in Microsoft's attribute mapping (jobTitle → title), sent as a replace; a value that does not stick is wrong data.",
      sources: [entra('tutorial', 'update-user-single-valued-properties'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on title, with a path or as a key of a path-less value object.',
  },
})

export const updateMultiValuedChecks = defineChecks({
  'update-user-multi-valued/responds-200-or-204': {
    title: 'PATCH of multi-valued and nested attributes, as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: "Microsoft's examples show Entra's multi-valued PATCH in both dialects; a refusal fails the update every cycle.",
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-multi-valued/replaces-work-email': {
    title: 'A replace on emails[type eq "work"].value changes the work email in place',
    severity: 'entra',
    evidence: {
      says: 'Entra replaces emails[type eq "work"].value (Microsoft\'s example); a second work email instead is wrong data.',
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work email and replace its value; do not append a second work email.',
  },
  'update-user-multi-valued/replaces-family-name': {
    title: 'A replace on name.familyName (a path, or a dotted key of a path-less replace) changes only the family name',
    severity: 'entra',
    evidence: {
      says: "Entra sends name.familyName as a path and, with aadOptscim062020, as a dotted key of a path-less replace (Microsoft's example bodies).",
      sources: [entra('compatibility'), entra('tutorial', 'update-user-multi-valued-properties')],
    },
    refs: [rfc7644('3.5.2.3'), entra('compatibility')],
    why: 'With aadOptscim062020 Entra folds name.familyName into a path-less replace as a dotted key, which several SCIM libraries ignore.',
    entra: CHURN,
    fix: 'Treat a dotted key of a path-less replace value ("name.familyName") as the path of that sub-attribute.',
  },
  'update-user-multi-valued/adds-missing-mobile-phone': {
    title: 'An add on phoneNumbers[type eq "mobile"].value creates the mobile number when the user has none',
    severity: 'entra',
    evidence: {
      says: 'Entra sends Add for an attribute that had no value (Microsoft\'s example), and maps mobile to phoneNumbers[type eq "mobile"].value.',
      sources: [entra('compatibility'), entra('tutorial', 'update-user-multi-valued-properties')],
    },
    refs: [rfc7644('3.5.2.1'), entra('compatibility'), entra('scim-validator')],
    why: "Entra sends Add for an attribute that had no value; RFC 7644 §3.5.2.1: a target location that does not exist is added. (A replace that matches nothing may answer 400 noTarget, §3.5.2.3, so Entra's Add is what is checked.)",
    entra: CHURN,
    fix: 'On an add whose value filter matches no element, add an element with that type and value.',
  },
  'update-user-multi-valued/replaces-work-locality': {
    title: 'A replace on addresses[type eq "work"].locality changes the work address in place',
    severity: 'entra',
    evidence: {
      says: 'Entra maps city to addresses[type eq "work"].locality and replaces it by value path; a value that does not stick is wrong data.',
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work address and replace only its locality.',
  },
  'update-user-multi-valued/replaces-employee-number': {
    title: 'A replace on the enterprise employeeNumber (URN path or URN key) changes it',
    severity: 'entra',
    evidence: {
      says: "Microsoft's example PATCH replaces the enterprise employeeNumber by URN path, and by URN key in the path-less form.",
      sources: [entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber as a path and as a path-less key.',
  },
  'update-user-multi-valued/replaces-department': {
    title: 'A replace on the enterprise department (URN path or URN key) changes it',
    severity: 'entra',
    evidence: {
      says: 'Entra maps department to the enterprise extension and sends it like employeeNumber (URN path or URN key).',
      sources: [entra('compatibility'), entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department as a path and as a path-less key.',
  },
})

export const updateManagerChecks = defineChecks({
  'update-user-manager/responds-200-or-204': {
    title:
      'The manager PATCHes Entra sends at run time (a bare id on the URN path, [{"$ref", "value"}] on "manager") answer 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra writes the manager by PATCH after both users exist: captured as a bare id on the enterprise URN path, and shown as [{"$ref", "value"}] in Microsoft\'s example; a refusal fails the reference every cycle.',
      sources: [CAPTURES.managerString, entra('tutorial'), entra('how-provisioning-works')],
    },
    refs: [
      rfc7644('3.5.2'),
      entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'),
      CAPTURES.managerString,
    ],
    entra: UPDATE_REJECTED,
    fix: 'Accept the manager as a bare id on urn:…:enterprise:2.0:User:manager and as [{"$ref", "value"}] on "manager".',
  },
  'update-user-manager/sets-manager-from-bare-id': {
    title: 'A manager sent as a bare id string on the enterprise URN path is stored',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured sending the manager as a bare id string on the enterprise URN path.',
      sources: [CAPTURES.managerString, CAPTURES.managerStringCreate],
    },
    refs: [rfc7643('4.3'), rfc7644('3.5.2'), entra('tutorial')],
    why: "Entra sends the manager's id as a plain string on the URN path (SCIM-SDK #686, directory-scimple #1242).",
    entra: CHURN,
    fix: "Read a string value on urn:…:enterprise:2.0:User:manager as the manager's id.",
  },
  'update-user-manager/sets-manager-from-value-object': {
    title: 'A manager sent as {"value": id} on the enterprise URN path is accepted (200 or 204) and stored',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s SCIM Validator sent the manager as {"value": id} (its Add and Replace Manager tests); no capture shows the provisioning service sending this form.',
      sources: [CAPTURES.validatorTraffic, entra('scim-validator')],
    },
    refs: [rfc7643('4.3'), rfc7644('3.5.2'), entra('scim-validator')],
    entra: CHURN,
    fix: 'Read {"value": id} on urn:…:enterprise:2.0:User:manager as the manager\'s id.',
  },
  'update-user-manager/sets-manager-from-ref-array': {
    title: 'A manager sent as [{"$ref", "value"}] on path "manager" is stored',
    severity: 'entra',
    evidence: {
      says: 'Microsoft\'s tutorial example sends the manager as [{"$ref", "value"}] on path "manager".',
      sources: [entra('tutorial')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial')],
    why: 'Microsoft\'s tutorial example sends this form on the bare path "manager".',
    entra: CHURN,
    fix: 'Accept the path "manager" as the enterprise manager, and take the id from the first element\'s "value".',
  },
  'update-user-manager/create-accepts-manager-string': {
    title:
      'A POST /Users whose enterprise extension carries "manager": "<id>" (a plain string) is accepted and stores that manager',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured creating a user with the manager as a plain id string inside the enterprise extension of the POST body; a server that failed to read it answered 500 and the user was not created.',
      sources: [CAPTURES.managerStringCreate],
    },
    refs: [rfc7643('4.3'), rfc7644('3.3'), CAPTURES.managerStringCreate],
    why: 'RFC 7643 declares manager complex, but Entra sends the id as a string in the body (directory-scimple #1242) and reads back manager.value.',
    entra: {
      ...UNPARSEABLE,
      effect: 'The create fails: the user is not provisioned, and Entra retries it every cycle.',
    },
    fix: 'In a POST body, read a string "manager" in the enterprise extension as {"value": "<id>"}, and return it as an object.',
  },
  'update-user-manager/returns-manager-as-object': {
    title: 'GET returns the manager as an object with "value", whatever form it was sent in',
    severity: 'entra',
    evidence: {
      says: 'A manager Entra could not deserialize failed provisioning with ServiceIncompatible.',
      sources: [CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.3'), entra('tutorial')],
    why: 'A bare string where RFC 7643 declares a complex attribute cannot be read by Entra (Budibase #15369).',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return "manager": {"value": "<id>"} (optionally with $ref and displayName).',
  },
  'update-user-manager/reference-query-finds-manager': {
    title:
      'GET /Users?filter=id eq "…" and manager eq "…"&attributes=id finds the user for its manager, and not for another user',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows this query (Example 4), but no capture shows today's service sending it; supporting `and`, `eq` and a complex attribute's value in filters is the RFC 7644 §3.4.2.2 rule.",
      sources: [rfc7644('3.4.2.2'), entra('tutorial')],
    },
    refs: [entra('tutorial'), rfc7644('3.4.2.2')],
    why: "Microsoft's tutorial (Example 4) shows Entra checking a reference value this way before it updates the manager; whether today's service still sends it is unverified.",
    entra: {
      code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      effect: 'Where Entra checks the manager by query, it cannot tell whether the manager is already set.',
    },
    fix: "Support `and`, `id eq` and `manager eq` (the enterprise manager's value) in /Users filters, with attributes=id.",
  },
  'update-user-manager/clears-manager-by-remove': {
    title: 'A remove without value on the manager is accepted (200 or 204) and clears it',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator removes the manager this way; what the provisioning service sends to clear a manager is not documented or captured.",
      sources: [CAPTURES.validatorTraffic, entra('scim-validator')],
    },
    refs: [rfc7644('3.5.2.2'), entra('scim-validator')],
    entra: CHURN,
    fix: 'Apply {"op": "remove", "path": "urn:…:enterprise:2.0:User:manager"} by removing the manager.',
  },
  'update-user-manager/clears-manager-by-replace-with-empty-string': {
    title: 'A replace of the manager with "" is accepted (200 or 204) and clears it',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation Logic App clears the manager with a replace of ""; no capture shows the provisioning service sending it.',
      sources: [msValidation('SCIM_Update_Manager_Test'), clearAttributeValues],
    },
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Update_Manager_Test')],
    why: "Microsoft's own validation removes a manager by replacing it with an empty value.",
    entra: CHURN,
    fix: 'Treat "" (and {"value": ""}) as no manager rather than as an id.',
  },
})

export const disableUserChecks = defineChecks({
  'disable-user/responds-200-or-204': {
    title: 'PATCH of active (false, then true), as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra disables with Replace active "False" (legacy) or replace false; captured as the string "false" too.',
      sources: [entra('compatibility'), CAPTURES.activeString],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'disable-user'), entra('compatibility')],
    why: 'Without aadOptscim062020 Entra sends "Replace" with the string "False"; with it, "replace" and false.',
    entra: UPDATE_REJECTED,
    fix: 'Accept active as a boolean or as the strings "True"/"False" (any case), under "Replace" or "replace".',
  },
  'disable-user/get-returns-disabled-user': {
    title: 'GET /Users/{id} still returns a disabled user, with active false (a boolean)',
    severity: 'entra',
    evidence: {
      says: 'Entra disables users going out of scope and reads them back by id; a disabled user read as active keeps access.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'disable-user')],
    },
    refs: [rfc7643('4.1.1'), entra('tutorial', 'disable-user')],
    why: 'Entra reads a disabled user back by id; "False" read as true, or a 404, leaves access in place or breaks the anchor.',
    entra: ACCESS_KEPT,
    fix: 'Store active as the boolean the value means ("False" is false) and keep serving the user; return active as a JSON boolean.',
  },
  'disable-user/filter-returns-disabled-user': {
    title: 'The matching filter still finds a disabled user, with active false',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires that a user is returned whether or not it is active; Entra matches disabled users every cycle.',
      sources: [
        entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'),
        entra('tutorial', 'disable-user'),
      ],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'disable-user'), entra('scim-validator')],
    why: 'Microsoft\'s SCIM Validator fails "Disable User" when a later filter response lacks active.',
    entra: DISABLED_INVISIBLE,
    fix: 'Do not hide inactive users from filters; return them with "active": false.',
  },
  'disable-user/re-enables-user': {
    title: 'After a PATCH setting active back to true, GET shows active true',
    severity: 'entra',
    evidence: {
      says: 'A user back in scope is re-enabled by the same PATCH with true ("True" in the legacy dialect); a server that keeps it disabled locks the user out.',
      sources: [entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'disable-user')],
    why: 'A user coming back into scope is re-enabled by the same PATCH with true ("True" in the legacy dialect).',
    entra: CHURN,
    fix: 'Let active go from false back to true.',
  },
  'disable-user/accepts-lower-case-string-booleans': {
    title:
      'Replace active with the lower-case strings "false" and "true" (legacy dialect) disables and re-enables the user',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured unassigning a user with {"op": "Replace", "path": "active", "value": "false"}: the legacy dialect sends the string the admin\'s mapping expression emits, and a 400 left the user active.',
      sources: [CAPTURES.activeString, entra('attribute-mappings')],
    },
    refs: [rfc7643('2.3.2'), rfc7644('3.5.2.3'), CAPTURES.activeString],
    why: 'A Switch([IsSoftDeleted], , "false", "true", …) expression, which vendor guides have told admins to use, gives lower-case strings.',
    entra: {
      ...UPDATE_REJECTED,
      effect: 'The disable fails: the unassigned user keeps access while Entra retries the update every cycle.',
    },
    fix: 'Read active case-insensitively from the strings "true"/"false" as well as from JSON booleans, and return a JSON boolean.',
  },
})

export const deleteUserChecks = defineChecks({
  'delete-user/responds-204': {
    title: 'DELETE /Users/{id} answers 204 No Content',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows 204, and RFC 7644 §3.6 requires it; no source shows Entra refusing a 200.",
      sources: [rfc7644('3.6'), entra('tutorial', 'delete-user')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-user')],
    entra: DELETE_IGNORED,
    fix: 'Answer a successful DELETE with 204 and no body.',
  },
  'delete-user/get-after-delete-responds-404': {
    title: 'GET /Users/{id} for the deleted user answers 404',
    severity: 'rfc',
    evidence: {
      says: "Entra never reads a user it deleted (a DELETE is the last request it sends for a hard-deleted user), and Microsoft's gallery requirements allow soft delete; 404 after a DELETE is the RFC 7644 §3.6 rule.",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.6'), entra('how-provisioning-works')],
    why: 'RFC 7644 §3.6: a service provider MUST return 404 for all operations on a deleted resource.',
    entra: DELETE_IGNORED,
    fix: 'Delete the user, or keep it hidden and answer 404 for every request on its id.',
  },
  'delete-user/query-omits-deleted-user': {
    title: 'The matching filter no longer finds the deleted user',
    severity: 'rfc',
    evidence: {
      says: "Entra never queries for a user it deleted, and Microsoft's gallery requirements allow soft delete; leaving a deleted resource out of query results is the RFC 7644 §3.6 rule. (A deleted user the query still returns as active is judged at Entra's level by query-never-returns-deleted-as-active.)",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.6'), rfc7644('3.4.2')],
    why: 'RFC 7644 §3.6: service providers MUST omit a deleted resource from future query results.',
    entra: DELETE_IGNORED,
    fix: 'Leave deleted users out of every query result.',
  },
  'delete-user/query-never-returns-deleted-as-active': {
    title: 'After a DELETE, the matching filter never returns the user with active true',
    severity: 'entra',
    evidence: {
      says: 'Entra matches by the matching attribute before it creates a user, and a user assigned again is matched this way; a deleted user the query still returns as active is matched again and keeps its access in the app.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'get-user-by-query')],
    },
    refs: [rfc7644('3.6'), entra('how-provisioning-works'), entra('tutorial', 'get-user-by-query')],
    why: 'A soft delete may keep the user (inactive, or hidden); one still found as active is not deleted at all as far as Entra can tell.',
    entra: {
      code: 'none (Entra logs the Delete as a success)',
      effect:
        'The user Entra deleted stays active in the app with its access; when the person is assigned again, Entra matches this account instead of creating one.',
      presumes: 'accepted',
    },
    fix: 'Delete the user, or mark it inactive (active false) and leave it out of query results.',
  },
  'delete-user/restore-creates-user-again': {
    title: 'After a DELETE, a POST with the same userName and externalId creates the user again (201 with an id)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation has a mandatory restore test (Restore_User_Test: unassign, then assign again, expecting a successful create), and gallery apps without soft delete get a DELETE when a user is unassigned; no capture shows the provisioning service re-creating a user it deleted.",
      sources: [msValidation('Restore_User_Test'), entra('how-provisioning-works')],
    },
    refs: [rfc7644('3.3'), rfc7644('3.6'), msValidation('Restore_User_Test')],
    why: "A soft delete that keeps the userName (or externalId) in a unique index refuses the person's return with 409.",
    entra: {
      code: 'Conflict / EntryConflict',
      effect:
        'The person assigned again cannot be created: Entra logs a conflict for the POST and does not retry it automatically.',
    },
    fix: 'When a user is deleted, free its userName and externalId (or delete the row), so the same values can be created again.',
  },
  'delete-user/delete-again-responds-404': {
    title: 'A second DELETE of the same user answers 404',
    severity: 'rfc',
    evidence: {
      says: 'What Entra does with a DELETE of an id already gone is not documented, and the SCIM Validator runs it only as a preview test; RFC 7644 §3.6 requires 404.',
      sources: [rfc7644('3.6'), CAPTURES.scimServer],
    },
    refs: [rfc7644('3.6'), entra('scim-validator')],
    why: "Microsoft's SCIM Validator deletes the same user twice and expects 404 the second time.",
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for DELETE on an id that does not exist (any more).',
  },
})

export const emptyValueChecks = defineChecks({
  'update-user-empty-values/responds-200-or-204': {
    title: 'PATCH that sets attributes to "" or null answers 200 or 204',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2'), msValidation('SCIM_Null_Update_Test')],
    entra: UPDATE_REJECTED,
    fix: 'Accept "" and null as values of a replace and treat them as clearing the attribute.',
  },
  'update-user-empty-values/clears-with-empty-string': {
    title: 'After a replace with "", GET shows the attribute gone or empty',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Null_Update_Test')],
    why: 'Entra sends "" when the source attribute is cleared; keeping the old value makes Entra re-send it every cycle.',
    entra: CHURN,
    fix: 'Clear the attribute (or store "") on a replace with "".',
  },
  'update-user-empty-values/clears-with-null': {
    title: 'After a replace with null, GET shows the attribute gone or empty',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('2.5'), msValidation('SCIM_Null_Update_Test')],
    why: 'RFC 7643 §2.5: null is equivalent to "unassigned".',
    entra: CHURN,
    fix: 'Treat null in a replace as unassigning the attribute.',
  },
})

export const multipleOperationChecks = defineChecks({
  'update-user-multiple-operations/responds-200-or-204': {
    title: 'A PATCH with several operations, two on the same attribute, answers 200 or 204',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: 'Accept any number of operations in one PATCH, including several on one attribute.',
  },
  'update-user-multiple-operations/applies-every-operation': {
    title: 'Every operation of the PATCH takes effect, not only the first or the last',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2')],
    why: 'Legacy Entra sends one operation per changed attribute in a single PATCH.',
    entra: CHURN,
    fix: 'Apply each operation of the Operations array.',
  },
  'update-user-multiple-operations/applies-operations-in-order': {
    title:
      'Operations are applied in the order sent: of two replaces of one attribute the second wins, and a remove then add leaves the added value',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2')],
    why: 'RFC 7644 §3.5.2: operations are applied sequentially in the order they appear in the array.',
    entra: CHURN,
    fix: 'Apply the operations one after the other, in array order.',
  },
})

export const pagingChecks = defineChecks({
  'get-users-paged/honours-count': {
    title:
      'GET /Users?startIndex=…&count=5 returns at most 5 users per page, and itemsPerPage equals the number returned',
    severity: 'gallery',
    evidence: {
      says: "Entra queries users by filter, never page by page; Microsoft's validation pages /Users with count=5.",
      sources: [msValidation('SCIM_User_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'RFC 7644 §3.4.2.4: the service provider MUST NOT return more results than count.',
    entra: VALIDATION_ONLY,
    fix: 'Return at most count resources and set itemsPerPage to the number on the page.',
  },
  'get-users-paged/echoes-start-index': {
    title: 'Each page answers with the startIndex that was asked for',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation checks that each page's startIndex equals page × 5 + 1; Entra does not page users.",
      sources: [msValidation('SCIM_User_Pagination_Test'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: "Microsoft's validation checks startIndex equals page × 5 + 1 on every page.",
    entra: VALIDATION_ONLY,
    fix: 'Serve the page that starts at the requested 1-based startIndex and echo it in the answer.',
  },
  'get-users-paged/total-results-agrees': {
    title: 'Walking every page returns as many distinct users as totalResults says',
    severity: 'rfc',
    evidence: {
      says: 'Entra does not page users; totalResults across pages is an RFC 7644 §3.4.2 rule.',
      sources: [rfc7644('3.4.2'), rfc7644('3.4.2.4')],
    },
    refs: [rfc7644('3.4.2'), rfc7644('3.4.2.4')],
    entra: VALIDATION_ONLY,
    fix: 'Report the total number of matching users in totalResults on every page, and page through all of them.',
  },
  'get-users-paged/returns-each-user-once': {
    title: 'Every user the flow created appears exactly once over all pages',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation walks the pages of /Users; Entra does not page users.",
      sources: [msValidation('SCIM_User_Pagination_Test')],
    },
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'Pages that overlap or skip make a paging client miss or repeat users; a stable order avoids it.',
    entra: VALIDATION_ONLY,
    fix: 'Page over a stable order (e.g. creation time, then id) so consecutive pages neither overlap nor skip.',
  },
})

export const mappedAttributeChecks = defineChecks({
  'update-user-mapped-attributes/responds-200-or-204': {
    title:
      'A PATCH changing every other mapped attribute (core, enterprise, custom extension), as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra PATCHes every attribute its mapping writes when the source changes; a refused PATCH fails the update and it is retried every cycle.',
      sources: [entra('attribute-mappings'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('attribute-mappings'), entra('compatibility')],
    why: 'Entra PATCHes any attribute its mapping writes once the source value changes; custom extension attributes arrive with their full URN path (or URN key), without the URN in "schemas".',
    entra: UPDATE_REJECTED,
    fix: 'Accept every attribute your /Schemas (or RFC 7643) describes in PATCH, with a path or as a key of a path-less value object, extension attributes by their URN path.',
  },
  'update-user-mapped-attributes/updates-every-attribute': {
    title: 'After that PATCH, GET shows every one of those attributes exactly as sent',
    severity: 'entra',
    evidence: {
      says: 'Entra reads the user back and compares it with what its mapping wrote; a value that comes back different is sent again every cycle.',
      sources: [entra('attribute-mappings'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('3.3'), entra('attribute-mappings')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Store every mapped attribute, custom extension attributes included, and return it under its schema URN; the message names each attribute that came back different.',
  },
})

export const pathlessAddChecks = defineChecks({
  'update-user-pathless-add/responds-200-or-204': {
    title: 'A path-less add whose keys are dotted paths and extension URNs (aadOptscim062020) answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Azure/Entra was captured sending attributes a user had no value for as one path-less add with dotted and URN keys; Microsoft documents the same path-less form for replace with aadOptscim062020.',
      sources: [
        capture(
          'thomaspoignant/scim-patch #132 (Azure AD path-less add with name.givenName keys)',
          'https://github.com/thomaspoignant/scim-patch/issues/132',
        ),
        capture(
          'grokability/snipe-it #19095 (Entra path-less add with extension URN keys, 2026)',
          'https://github.com/grokability/snipe-it/issues/19095',
        ),
        entra('compatibility'),
      ],
    },
    refs: [
      rfc7644('3.5.2.1'),
      entra('compatibility'),
      capture(
        'pond/scimitar #123 (the Azure request: path-less add with dotted keys)',
        'https://github.com/pond/scimitar/issues/123',
      ),
    ],
    entra: UPDATE_REJECTED,
    fix: 'Accept an add without a path whose value object names attributes by dotted path or full URN.',
  },
  'update-user-pathless-add/applies-dotted-and-urn-keys': {
    title:
      'After that add, GET shows each value under its attribute (name.givenName in name, the URN key in the extension), with no literal dotted or URN keys',
    severity: 'entra',
    evidence: {
      says: 'Servers that stored the literal "name.familyName" key or ignored the path-less add answered 200 and lost the value; Entra re-sends it every cycle (captured for Azure/Entra in 2021, 2024 and 2026).',
      sources: [
        capture(
          'pingidentity/scim2 #224 (literal "name.familyName" keys stored from Entra\'s path-less PATCH)',
          'https://github.com/pingidentity/scim2/issues/224',
        ),
        capture(
          'grokability/snipe-it #19095 (Entra path-less add with extension URN keys, 2026)',
          'https://github.com/grokability/snipe-it/issues/19095',
        ),
      ],
    },
    refs: [rfc7644('3.5.2.1'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Treat each key of a path-less add value as the path of the attribute it names ("name.givenName" → name.givenName; "urn:…:User:department" → the extension\'s department).',
  },
})

export const capitalisedPathChecks = defineChecks({
  'update-user-capitalised-paths/applies-capitalised-sub-attributes': {
    title:
      'A PATCH on name.FamilyName, emails[type eq "work"].Value or addresses[type eq "work"].Formatted is accepted and changes the attribute in its canonical case',
    severity: 'rfc',
    evidence: {
      says: 'Microsoft\'s attribute table spells some target paths with a capital (emails[type eq "other"].Value, addresses[type eq "other"].Formatted), but no capture shows the running service sending one; attribute names are case-insensitive (RFC 7643 §2.1).',
      sources: [rfc7643('2.1'), entra('tutorial')],
    },
    refs: [rfc7643('2.1'), rfc7644('3.5.2.3')],
    why: 'An app whose mapping table holds the capitalised name would make Entra send it.',
    entra: CHURN,
    fix: 'Match attribute and sub-attribute names without case in PATCH paths and keys, and store the value under the name your /Schemas declares.',
  },
})

export const rolesChecks = defineChecks({
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

/** Checks of a shape only one dialect sends: skipped, saying why, in the other (lower-case strings and stringified roles are legacy; the path-less add is aadOptscim062020). */
export const ONE_DIALECT_ONLY: readonly string[] = [
  'disable-user/accepts-lower-case-string-booleans',
  'update-user-pathless-add/responds-200-or-204',
  'update-user-pathless-add/applies-dotted-and-urn-keys',
  'update-user-roles/adds-stringified-roles',
]
