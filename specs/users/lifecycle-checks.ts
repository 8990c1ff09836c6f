// The rest of a user's life in Entra (Microsoft's SCIM tutorial; Microsoft's SCIM compliance article (aadOptscim062020); Microsoft's validation Logic App): updates in both PATCH dialects,
// manager, disable, delete, empty values, several operations, and paging.
import { defineChecks } from '../../helpers/suite/check-info.ts'
import { ACCESS_KEPT, CHURN, DELETE_IGNORED, DISABLED_INVISIBLE, INVALID_ANCHOR, SERVICE_INCOMPATIBLE, UPDATE_REJECTED, VALIDATION_ONLY } from '../../helpers/suite/consequences.ts'
import { entra, msValidation, rfc7643, rfc7644 } from '../../helpers/suite/refs.ts'

const PATCH_STATUS_FIX = 'Accept Entra\'s PatchOp in both dialects ("Replace" or "replace", with or without path) and answer 200 with the user or 204.'
const READ_BACK_WHY = 'Entra compares what it reads with what it sent; a value that comes back different is re-sent every cycle.'

export const updateSingleValuedChecks = defineChecks({
  'update-user-single-valued/responds-200-or-204': {
    title: 'PATCH of single-valued attributes, as the dialect sends it, answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-single-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-single-valued/renames-username': {
    title: 'After a PATCH replacing userName, GET shows the new userName',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: 'A UPN change in Entra renames the user; the old name must not stick.',
    entra: CHURN,
    fix: 'Let userName be replaced by PATCH (it is readWrite in RFC 7643 §4.1.1), keeping it unique.',
  },
  'update-user-single-valued/updates-display-name': {
    title: 'After a PATCH replacing displayName, GET shows exactly the value sent',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on displayName, with a path or as a key of a path-less value object.',
  },
  'update-user-single-valued/updates-title': {
    title: 'After a PATCH replacing title, GET shows exactly the value sent',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on title, with a path or as a key of a path-less value object.',
  },
})

export const updateMultiValuedChecks = defineChecks({
  'update-user-multi-valued/responds-200-or-204': {
    title: 'PATCH of multi-valued and nested attributes, as the dialect sends it, answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-multi-valued/replaces-work-email': {
    title: 'A replace on emails[type eq "work"].value changes the work email in place',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work email and replace its value; do not append a second work email.',
  },
  'update-user-multi-valued/replaces-family-name': {
    title: 'A replace on name.familyName (a path, or a dotted key of a path-less replace) changes only the family name',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('compatibility')],
    why: 'With aadOptscim062020 Entra folds name.familyName into a path-less replace as a dotted key, which several SCIM libraries ignore.',
    entra: CHURN,
    fix: 'Treat a dotted key of a path-less replace value ("name.familyName") as the path of that sub-attribute.',
  },
  'update-user-multi-valued/adds-missing-mobile-phone': {
    title: 'An add on phoneNumbers[type eq "mobile"].value creates the mobile number when the user has none',
    severity: 'required',
    refs: [rfc7644('3.5.2.1'), entra('compatibility'), entra('scim-validator')],
    why: 'Entra sends Add for an attribute that had no value; RFC 7644 §3.5.2.1: a target location that does not exist is added. (A replace that matches nothing may answer 400 noTarget, §3.5.2.3, so Entra\'s Add is what is checked.)',
    entra: CHURN,
    fix: 'On an add whose value filter matches no element, add an element with that type and value.',
  },
  'update-user-multi-valued/replaces-work-locality': {
    title: 'A replace on addresses[type eq "work"].locality changes the work address in place',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work address and replace only its locality.',
  },
  'update-user-multi-valued/replaces-employee-number': {
    title: 'A replace on the enterprise employeeNumber (URN path or URN key) changes it',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber as a path and as a path-less key.',
  },
  'update-user-multi-valued/replaces-department': {
    title: 'A replace on the enterprise department (URN path or URN key) changes it',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department as a path and as a path-less key.',
  },
})

export const updateManagerChecks = defineChecks({
  'update-user-manager/responds-200-or-204': {
    title: 'Every manager PATCH (set, change, clear) answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'), msValidation('SCIM_Update_Manager_Test')],
    entra: UPDATE_REJECTED,
    fix: 'Accept the manager as a bare id, as {"value": id} and as [{"$ref", "value"}], and clears by remove or by "".',
  },
  'update-user-manager/sets-manager-from-bare-id': {
    title: 'A manager sent as a bare id string on the enterprise URN path is stored',
    severity: 'required',
    refs: [rfc7643('4.3'), rfc7644('3.5.2'), entra('tutorial')],
    why: 'Entra sends the manager\'s id as a plain string on the URN path (SCIM-SDK #686, directory-scimple #1242).',
    entra: CHURN,
    fix: 'Read a string value on urn:…:enterprise:2.0:User:manager as the manager\'s id.',
  },
  'update-user-manager/sets-manager-from-value-object': {
    title: 'A manager sent as {"value": id} on the enterprise URN path is stored',
    severity: 'required',
    refs: [rfc7643('4.3'), rfc7644('3.5.2')],
    entra: CHURN,
    fix: 'Read {"value": id} on urn:…:enterprise:2.0:User:manager as the manager\'s id.',
  },
  'update-user-manager/sets-manager-from-ref-array': {
    title: 'A manager sent as [{"$ref", "value"}] on path "manager" is stored',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('tutorial')],
    why: 'Microsoft\'s tutorial example sends this form on the bare path "manager".',
    entra: CHURN,
    fix: 'Accept the path "manager" as the enterprise manager, and take the id from the first element\'s "value".',
  },
  'update-user-manager/returns-manager-as-object': {
    title: 'GET returns the manager as an object with "value", whatever form it was sent in',
    severity: 'required',
    refs: [rfc7643('4.3'), entra('tutorial')],
    why: 'A bare string where RFC 7643 declares a complex attribute cannot be read by Entra (Budibase #15369).',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return "manager": {"value": "<id>"} (optionally with $ref and displayName).',
  },
  'update-user-manager/clears-manager-by-remove': {
    title: 'A remove without value on the manager clears it',
    severity: 'required',
    refs: [rfc7644('3.5.2.2'), entra('scim-validator')],
    entra: CHURN,
    fix: 'Apply {"op": "remove", "path": "urn:…:enterprise:2.0:User:manager"} by removing the manager.',
  },
  'update-user-manager/clears-manager-by-replace-with-empty-string': {
    title: 'A replace of the manager with "" clears it',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Update_Manager_Test')],
    why: 'Microsoft\'s own validation removes a manager by replacing it with an empty value.',
    entra: CHURN,
    fix: 'Treat "" (and {"value": ""}) as no manager rather than as an id.',
  },
})

export const disableUserChecks = defineChecks({
  'disable-user/responds-200-or-204': {
    title: 'PATCH of active (false, then true), as the dialect sends it, answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('tutorial', 'disable-user'), entra('compatibility')],
    why: 'Without aadOptscim062020 Entra sends "Replace" with the string "False"; with it, "replace" and false.',
    entra: UPDATE_REJECTED,
    fix: 'Accept active as a boolean or as "True"/"False" (any case), with ops in any case.',
  },
  'disable-user/get-returns-disabled-user': {
    title: 'GET /Users/{id} still returns a disabled user, with active false (a boolean)',
    severity: 'required',
    refs: [rfc7643('4.1.1'), entra('tutorial', 'disable-user')],
    why: 'Entra reads a disabled user back by id; "False" read as true, or a 404, leaves access in place or breaks the anchor.',
    entra: ACCESS_KEPT,
    fix: 'Store active as the boolean the value means ("False" is false) and keep serving the user; return active as a JSON boolean.',
  },
  'disable-user/filter-returns-disabled-user': {
    title: 'The matching filter still finds a disabled user, with active false',
    severity: 'required',
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'disable-user'), entra('scim-validator')],
    why: 'Microsoft\'s SCIM Validator fails "Disable User" when a later filter response lacks active.',
    entra: DISABLED_INVISIBLE,
    fix: 'Do not hide inactive users from filters; return them with "active": false.',
  },
  'disable-user/re-enables-user': {
    title: 'After a PATCH setting active back to true, GET shows active true',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'disable-user')],
    why: 'A user coming back into scope is re-enabled by the same PATCH with true ("True" in the legacy dialect).',
    entra: CHURN,
    fix: 'Let active go from false back to true.',
  },
})

export const deleteUserChecks = defineChecks({
  'delete-user/responds-204': {
    title: 'DELETE /Users/{id} answers 204 No Content',
    severity: 'required',
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-user')],
    entra: DELETE_IGNORED,
    fix: 'Answer a successful DELETE with 204 and no body.',
  },
  'delete-user/get-after-delete-responds-404': {
    title: 'GET /Users/{id} for the deleted user answers 404',
    severity: 'required',
    refs: [rfc7644('3.6')],
    why: 'RFC 7644 §3.6: a service provider MUST return 404 for all operations on a deleted resource.',
    entra: DELETE_IGNORED,
    fix: 'Delete the user, or keep it hidden and answer 404 for every request on its id.',
  },
  'delete-user/query-omits-deleted-user': {
    title: 'The matching filter no longer finds the deleted user',
    severity: 'required',
    refs: [rfc7644('3.6'), rfc7644('3.4.2')],
    why: 'RFC 7644 §3.6: service providers MUST omit a deleted resource from future query results.',
    entra: DELETE_IGNORED,
    fix: 'Leave deleted users out of every query result.',
  },
  'delete-user/delete-again-responds-404': {
    title: 'A second DELETE of the same user answers 404',
    severity: 'required',
    refs: [rfc7644('3.6'), entra('scim-validator')],
    why: 'Microsoft\'s SCIM Validator deletes the same user twice and expects 404 the second time.',
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for DELETE on an id that does not exist (any more).',
  },
})

export const emptyValueChecks = defineChecks({
  'update-user-empty-values/responds-200-or-204': {
    title: 'PATCH that sets attributes to "" or null answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), msValidation('SCIM_Null_Update_Test')],
    entra: UPDATE_REJECTED,
    fix: 'Accept "" and null as values of a replace and treat them as clearing the attribute.',
  },
  'update-user-empty-values/clears-with-empty-string': {
    title: 'After a replace with "", GET shows the attribute gone or empty',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Null_Update_Test')],
    why: 'Entra sends "" when the source attribute is cleared; keeping the old value makes Entra re-send it every cycle.',
    entra: CHURN,
    fix: 'Clear the attribute (or store "") on a replace with "".',
  },
  'update-user-empty-values/clears-with-null': {
    title: 'After a replace with null, GET shows the attribute gone or empty',
    severity: 'required',
    refs: [rfc7644('3.5.2.3'), rfc7643('2.5'), msValidation('SCIM_Null_Update_Test')],
    why: 'RFC 7643 §2.5: null is equivalent to "unassigned".',
    entra: CHURN,
    fix: 'Treat null in a replace as unassigning the attribute.',
  },
})

export const multipleOperationChecks = defineChecks({
  'update-user-multiple-operations/responds-200-or-204': {
    title: 'A PATCH with several operations, two on the same attribute, answers 200 or 204',
    severity: 'required',
    refs: [rfc7644('3.5.2'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: 'Accept any number of operations in one PATCH, including several on one attribute.',
  },
  'update-user-multiple-operations/applies-every-operation': {
    title: 'Every operation of the PATCH takes effect, not only the first or the last',
    severity: 'required',
    refs: [rfc7644('3.5.2')],
    why: 'Legacy Entra sends one operation per changed attribute in a single PATCH.',
    entra: CHURN,
    fix: 'Apply each operation of the Operations array.',
  },
  'update-user-multiple-operations/applies-operations-in-order': {
    title: 'Operations are applied in the order sent: of two replaces of one attribute the second wins, and a remove then add leaves the added value',
    severity: 'required',
    refs: [rfc7644('3.5.2')],
    why: 'RFC 7644 §3.5.2: operations are applied sequentially in the order they appear in the array.',
    entra: CHURN,
    fix: 'Apply the operations one after the other, in array order.',
  },
})

export const pagingChecks = defineChecks({
  'get-users-paged/honours-count': {
    title: 'GET /Users?startIndex=…&count=5 returns at most 5 users per page, and itemsPerPage equals the number returned',
    severity: 'required',
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'RFC 7644 §3.4.2.4: the service provider MUST NOT return more results than count.',
    entra: VALIDATION_ONLY,
    fix: 'Return at most count resources and set itemsPerPage to the number on the page.',
  },
  'get-users-paged/echoes-start-index': {
    title: 'Each page answers with the startIndex that was asked for',
    severity: 'required',
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'Microsoft\'s validation checks startIndex equals page × 5 + 1 on every page.',
    entra: VALIDATION_ONLY,
    fix: 'Serve the page that starts at the requested 1-based startIndex and echo it in the answer.',
  },
  'get-users-paged/total-results-agrees': {
    title: 'Walking every page returns as many distinct users as totalResults says',
    severity: 'required',
    refs: [rfc7644('3.4.2'), rfc7644('3.4.2.4')],
    entra: VALIDATION_ONLY,
    fix: 'Report the total number of matching users in totalResults on every page, and page through all of them.',
  },
  'get-users-paged/returns-each-user-once': {
    title: 'Every user the flow created appears exactly once over all pages',
    severity: 'recommended',
    refs: [rfc7644('3.4.2.4'), msValidation('SCIM_User_Pagination_Test')],
    why: 'Pages that overlap or skip make a paging client miss or repeat users; a stable order avoids it.',
    entra: VALIDATION_ONLY,
    fix: 'Page over a stable order (e.g. creation time, then id) so consecutive pages neither overlap nor skip.',
  },
})
