// The registry of faults: a plain list, checked against the files in this folder by a self-test.
import { UsageError } from '../../helpers/model/errors.ts'
import type { Fault } from './define-fault.ts'
import activeReturnedAsString from './active-returned-as-string.ts'
import authAcceptsAnyBearerToken from './auth-accepts-any-bearer-token.ts'
import authAcceptsMissingToken from './auth-accepts-missing-token.ts'
import createUserOmitsId from './create-user-omits-id.ts'
import createUserReturns200 from './create-user-returns-200.ts'
import duplicateUsernameAllowed from './duplicate-username-allowed.ts'
import duplicateUsernameWithoutScimType from './duplicate-username-without-scim-type.ts'
import errorsNotScim from './errors-not-scim.ts'
import filterNoMatchReturns404 from './filter-no-match-returns-404.ts'
import filterReturnsDuplicates from './filter-returns-duplicates.ts'
import filterUsernameCaseSensitive from './filter-username-case-sensitive.ts'
import getUserByIdMissing from './get-user-by-id-missing.ts'
import groupsEndpointMissing from './groups-endpoint-missing.ts'
import listResponseWithoutTotal from './list-response-without-total.ts'
import phoneNumbersReformatted from './phone-numbers-reformatted.ts'
import queryOmitsActive from './query-omits-active.ts'
import queryRequiresAcceptHeader from './query-requires-accept-header.ts'
import resourceTypesPlainArray from './resource-types-plain-array.ts'
import resourceTypesWrongGroupEndpoint from './resource-types-wrong-group-endpoint.ts'
import responsesAsPlainJson from './responses-as-plain-json.ts'
import schemasOnlyGroup from './schemas-only-group.ts'
import schemasOnlyUser from './schemas-only-user.ts'
import schemasPlainArray from './schemas-plain-array.ts'
import serviceProviderConfigMissing from './service-provider-config-missing.ts'
import serviceProviderConfigPatchUnsupported from './service-provider-config-patch-unsupported.ts'
import serviceProviderConfigWithoutEtag from './service-provider-config-without-etag.ts'
import unknownUserReturns200 from './unknown-user-returns-200.ts'
import auth401WithoutWwwAuthenticate from './auth-401-without-www-authenticate.ts'
import authBadTokenReturns403 from './auth-bad-token-returns-403.ts'
import expiredTokenAccepted from './expired-token-accepted.ts'
import scimRejectsIssuedTokens from './scim-rejects-issued-tokens.ts'
import tokenEndpointAcceptsAnySecret from './token-endpoint-accepts-any-secret.ts'
import tokenEndpointReadsBodyCredentialsOnly from './token-endpoint-reads-body-credentials-only.ts'
import tokenEndpointWrongSecret400 from './token-endpoint-wrong-secret-400.ts'
import tokenLifetime24Hours from './token-lifetime-24-hours.ts'
import tokenResponseWithoutExpiresIn from './token-response-without-expires-in.ts'
import tokenResponseWithoutTokenType from './token-response-without-token-type.ts'
// Workload identity federation and secret rotation (issue 21).
import federationAcceptsAnyAssertion from './federation-accepts-any-assertion.ts'
import federationAcceptsExpiredAssertion from './federation-accepts-expired-assertion.ts'
import federationAcceptsUnsignedAssertion from './federation-accepts-unsigned-assertion.ts'
import federationIgnoresAudience from './federation-ignores-audience.ts'
import federationRequiresJti from './federation-requires-jti.ts'
import secondClientSecretRefused from './second-client-secret-refused.ts'
import tokenEndpointReadsBasicCredentialsOnly from './token-endpoint-reads-basic-credentials-only.ts'
// Groups and memberships (issue 4).
import addExistingMemberConflicts from './add-existing-member-conflicts.ts'
import addReplacesMembers from './add-replaces-members.ts'
import deleteGroupReturns200 from './delete-group-returns-200.ts'
import deleteKeepsGroup from './delete-keeps-group.ts'
import displayNameFilterUnsupported from './display-name-filter-unsupported.ts'
import duplicateGroupNameAllowed from './duplicate-group-name-allowed.ts'
import excludedAttributesIgnored from './excluded-attributes-ignored.ts'
import groupCreateRejectsMicrosoftSchema from './group-create-rejects-microsoft-schema.ts'
import groupExternalIdDropped from './group-external-id-dropped.ts'
import groupPatchRejectsPathlessReplace from './group-patch-rejects-pathless-replace.ts'
import groupRenameIgnored from './group-rename-ignored.ts'
import groupsPagingStartIndexIgnored from './groups-paging-start-index-ignored.ts'
import memberBatchLimitedTo50 from './member-batch-limited-to-50.ts'
import memberFilterPathUnsupported from './member-filter-path-unsupported.ts'
import memberFilterUnsupported from './member-filter-unsupported.ts'
import memberRefNullRejected from './member-ref-null-rejected.ts'
import removeAbsentMemberAnswers404 from './remove-absent-member-answers-404.ts'
import removeMemberIgnored from './remove-member-ignored.ts'
import removeWithValueEmptiesGroup from './remove-with-value-empties-group.ts'
import usernameFilterNeverMatches from './username-filter-never-matches.ts'
import managerValueObjectCrashes from './manager-value-object-crashes.ts'
import memberReadsEmpty from './member-reads-empty.ts'
import filterMissesUsersWithManager from './filter-misses-users-with-manager.ts'
import memberReadsEmptyRemovalsIgnored from './member-reads-empty-removals-ignored.ts'
import unknownGroupReturns200 from './unknown-group-returns-200.ts'
// User lifecycle (issue 3)
import patchOpCaseSensitive from './patch-op-case-sensitive.ts'
import activeFalseStringReadAsTrue from './active-false-string-read-as-true.ts'
import patchPathlessIgnoresDottedKeys from './patch-pathless-ignores-dotted-keys.ts'
import patchPathlessReplaceIgnored from './patch-pathless-replace-ignored.ts'
import valuePathAppends from './value-path-appends.ts'
import valuePathIgnoresMissingElement from './value-path-ignores-missing-element.ts'
import valuePathAddRefusedWithoutElement from './value-path-add-refused-without-element.ts'
import membersNotListed from './members-not-listed.ts'
import membersNotListedRemoveIgnored from './members-not-listed-remove-ignored.ts'
import uniquenessOnEmail from './uniqueness-on-email.ts'
import uniquenessCaseSensitive from './uniqueness-case-sensitive.ts'
import userNamesLowerCased from './user-names-lower-cased.ts'
import managerReturnedAsBareId from './manager-returned-as-bare-id.ts'
import managerRejectsBareId from './manager-rejects-bare-id.ts'
import managerRejectsValueObject from './manager-rejects-value-object.ts'
import managerPathUnsupported from './manager-path-unsupported.ts'
import managerRemoveIgnored from './manager-remove-ignored.ts'
import emptyStringStoredAsValue from './empty-string-stored-as-value.ts'
import emptyStringUpdateIgnored from './empty-string-update-ignored.ts'
import nullUpdateIgnored from './null-update-ignored.ts'
import disabledUsersHiddenFromFilters from './disabled-users-hidden-from-filters.ts'
import disabledUsersNotFoundById from './disabled-users-not-found-by-id.ts'
import reenableIgnored from './reenable-ignored.ts'
import deleteUserKeepsResource from './delete-user-keeps-resource.ts'
import deleteUserReturns200 from './delete-user-returns-200.ts'
import deleteUnknownUserReturns204 from './delete-unknown-user-returns-204.ts'
import patchOperationsAppliedInReverse from './patch-operations-applied-in-reverse.ts'
import patchAppliesOnlyFirstOperation from './patch-applies-only-first-operation.ts'
import pagingIgnoresStartIndex from './paging-ignores-start-index.ts'
import pagingIgnoresCount from './paging-ignores-count.ts'
import schemasOmitMappedSubAttribute from './schemas-omit-mapped-sub-attribute.ts'
import schemasOmitCanonicalValues from './schemas-omit-canonical-values.ts'
import phoneNumbersRefuseDashes from './phone-numbers-refuse-dashes.ts'
import userTypeRestrictedUndeclared from './user-type-restricted-undeclared.ts'
import federationVerifiesFirstJwksKeyOnly from './federation-verifies-first-jwks-key-only.ts'
import displayNameFilterBreaksOnParentheses from './display-name-filter-breaks-on-parentheses.ts'
import groupFilterOmitsMembers from './group-filter-omits-members.ts'
import schemasOmitExternalId from './schemas-omit-external-id.ts'
import usernameImmutable from './username-immutable.ts'
import titleNotStored from './title-not-stored.ts'
// Severity levels and the gallery gate (issue 13).
import nullReplaceRefused400 from './null-replace-refused-400.ts'
import schemasEndpointMissing from './schemas-endpoint-missing.ts'
// Entra's wire (issue 14)
import removeLowerCaseValueArrayIgnored from './remove-lower-case-value-array-ignored.ts'
import managerFilterRejected from './manager-filter-rejected.ts'
import readCacheIgnoresPatch from './read-cache-ignores-patch.ts'
import customExtensionAttributeDropped from './custom-extension-attribute-dropped.ts'
import externalIdFilterFindsNobody from './external-id-filter-finds-nobody.ts'
import externalIdFilterRefused from './external-id-filter-refused.ts'
import primaryFilterComparedAsString from './primary-filter-compared-as-string.ts'
import canonicalValuesEnforced from './canonical-values-enforced.ts'
import groupDescriptionDroppedAtCreate from './group-description-dropped-at-create.ts'
import groupDescriptionPatchIgnored from './group-description-patch-ignored.ts'
// Server errors (issue 12)
import randomServerErrors from './random-server-errors.ts'
import createGroupOmitsId from './create-group-omits-id.ts'
// Levels from evidence, and the shapes Entra sends (issue 20)
import deleteUserSoftDeletes from './delete-user-soft-deletes.ts'
import softDeleteKeepsUsernameTaken from './soft-delete-keeps-username-taken.ts'
import managerStringInCreateRefused from './manager-string-in-create-refused.ts'
import lowerCaseStringBooleansRefused from './lower-case-string-booleans-refused.ts'
import pathlessAddDropped from './pathless-add-dropped.ts'
import capitalisedSubAttributesRefused from './capitalised-sub-attributes-refused.ts'
import membersReplaceEmptiesGroup from './members-replace-empties-group.ts'
import removesOnlyFirstOfSeveralMembers from './removes-only-first-of-several-members.ts'
import rolesRefused from './roles-refused.ts'
import createUserRefusesEnterpriseSchema from './create-user-refuses-enterprise-schema.ts'
import pathlessAddRefused from './pathless-add-refused.ts'
// Accepted but not applied: one factor of the request decides (issue 19).
import capitalOpsIgnored from './capital-ops-ignored.ts'
import extensionKeysDropped from './extension-keys-dropped.ts'
import emptyClearIgnoredOnExtension from './empty-clear-ignored-on-extension.ts'

export const faults: readonly Fault[] = [
  activeReturnedAsString,
  authAcceptsAnyBearerToken,
  authAcceptsMissingToken,
  createUserOmitsId,
  createUserReturns200,
  duplicateUsernameAllowed,
  duplicateUsernameWithoutScimType,
  errorsNotScim,
  filterNoMatchReturns404,
  filterReturnsDuplicates,
  filterUsernameCaseSensitive,
  getUserByIdMissing,
  groupsEndpointMissing,
  listResponseWithoutTotal,
  phoneNumbersReformatted,
  queryOmitsActive,
  queryRequiresAcceptHeader,
  resourceTypesPlainArray,
  resourceTypesWrongGroupEndpoint,
  responsesAsPlainJson,
  schemasOnlyGroup,
  schemasOnlyUser,
  schemasPlainArray,
  serviceProviderConfigMissing,
  serviceProviderConfigPatchUnsupported,
  serviceProviderConfigWithoutEtag,
  unknownUserReturns200,
  auth401WithoutWwwAuthenticate,
  authBadTokenReturns403,
  expiredTokenAccepted,
  scimRejectsIssuedTokens,
  tokenEndpointAcceptsAnySecret,
  tokenEndpointReadsBodyCredentialsOnly,
  tokenEndpointWrongSecret400,
  tokenLifetime24Hours,
  tokenResponseWithoutExpiresIn,
  tokenResponseWithoutTokenType,
  federationAcceptsAnyAssertion,
  federationAcceptsExpiredAssertion,
  federationAcceptsUnsignedAssertion,
  federationIgnoresAudience,
  federationRequiresJti,
  secondClientSecretRefused,
  tokenEndpointReadsBasicCredentialsOnly,
  addExistingMemberConflicts,
  addReplacesMembers,
  deleteGroupReturns200,
  deleteKeepsGroup,
  displayNameFilterUnsupported,
  duplicateGroupNameAllowed,
  excludedAttributesIgnored,
  groupCreateRejectsMicrosoftSchema,
  groupExternalIdDropped,
  groupPatchRejectsPathlessReplace,
  groupRenameIgnored,
  groupsPagingStartIndexIgnored,
  memberBatchLimitedTo50,
  memberFilterPathUnsupported,
  memberFilterUnsupported,
  memberRefNullRejected,
  removeAbsentMemberAnswers404,
  removeMemberIgnored,
  removeWithValueEmptiesGroup,
  unknownGroupReturns200,
  patchOpCaseSensitive,
  activeFalseStringReadAsTrue,
  patchPathlessIgnoresDottedKeys,
  patchPathlessReplaceIgnored,
  valuePathAppends,
  valuePathIgnoresMissingElement,
  valuePathAddRefusedWithoutElement,
  membersNotListed,
  membersNotListedRemoveIgnored,
  uniquenessOnEmail,
  uniquenessCaseSensitive,
  userNamesLowerCased,
  managerReturnedAsBareId,
  managerRejectsBareId,
  managerRejectsValueObject,
  managerPathUnsupported,
  managerRemoveIgnored,
  emptyStringStoredAsValue,
  emptyStringUpdateIgnored,
  nullUpdateIgnored,
  disabledUsersHiddenFromFilters,
  disabledUsersNotFoundById,
  reenableIgnored,
  deleteUserKeepsResource,
  deleteUserReturns200,
  deleteUnknownUserReturns204,
  patchOperationsAppliedInReverse,
  patchAppliesOnlyFirstOperation,
  pagingIgnoresStartIndex,
  pagingIgnoresCount,
  schemasOmitMappedSubAttribute,
  schemasOmitCanonicalValues,
  phoneNumbersRefuseDashes,
  userTypeRestrictedUndeclared,
  federationVerifiesFirstJwksKeyOnly,
  displayNameFilterBreaksOnParentheses,
  groupFilterOmitsMembers,
  schemasOmitExternalId,
  usernameImmutable,
  titleNotStored,
  nullReplaceRefused400,
  schemasEndpointMissing,
  removeLowerCaseValueArrayIgnored,
  managerFilterRejected,
  readCacheIgnoresPatch,
  customExtensionAttributeDropped,
  randomServerErrors,
  createGroupOmitsId,
  deleteUserSoftDeletes,
  softDeleteKeepsUsernameTaken,
  managerStringInCreateRefused,
  lowerCaseStringBooleansRefused,
  pathlessAddDropped,
  capitalisedSubAttributesRefused,
  membersReplaceEmptiesGroup,
  removesOnlyFirstOfSeveralMembers,
  rolesRefused,
  createUserRefusesEnterpriseSchema,
  pathlessAddRefused,
  capitalOpsIgnored,
  extensionKeysDropped,
  emptyClearIgnoredOnExtension,
  // Presumptions, read paths and recurring 5xx (issue 19, part A).
  usernameFilterNeverMatches,
  managerValueObjectCrashes,
  memberReadsEmpty,
  memberReadsEmptyRemovalsIgnored,
  filterMissesUsersWithManager,
  // Matching precedence (issue 20).
  externalIdFilterFindsNobody,
  externalIdFilterRefused,
  primaryFilterComparedAsString,
  canonicalValuesEnforced,
  groupDescriptionDroppedAtCreate,
  groupDescriptionPatchIgnored,
]

export function faultsById(ids: readonly string[]): Fault[] {
  return ids.map((id) => {
    const f = faults.find((x) => x.id === id)
    if (!f) throw new UsageError(`--fault '${id}' is not a known fault: run 'scim-preflight serve --list-faults'`)
    return f
  })
}
