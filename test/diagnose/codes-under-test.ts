// The codes of Microsoft's 'How to analyze the provisioning logs' and the quarantine reasons, written out here so the tests do not trust the table they test.

/** Documented in Microsoft's provisioning-log guide (failures and skips). */
export const S6_CODES = [
  'Conflict',
  'EntryConflict',
  'TooManyRequests',
  'InternalServerError',
  'InsufficientRights',
  'MethodNotAllowed',
  'NotPermitted',
  'Unauthorized',
  'UnprocessableEntity',
  'WebExceptionProtocolError',
  'InvalidAnchor',
  'NotImplemented',
  'MandatoryFieldsMissing',
  'MissingValues',
  'SchemaAttributeNotFound',
  'InternalError',
  'InvalidDomain',
  'Timeout',
  'LicenseLimitExceeded',
  'DuplicateTargetEntries',
  'DuplicateSourceEntries',
  'ImportSkipped',
  'EntrySynchronizationSkipped',
  'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse',
  'SystemForCrossDomainIdentityManagementServiceIncompatible',
  'SchemaPropertyCanOnlyAcceptValue',
] as const

/** Seen in the wild but not in Microsoft's guide. */
export const WILD_CODES = [
  'SystemForCrossDomainIdentityManagementBadRequest',
  'SystemForCrossDomainIdentityManagementBadResponse',
  'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
  'CredentialValidationUnavailable',
  'InvalidCredentials',
] as const

export const SKIP_CODES = new Set<string>(['ImportSkipped', 'EntrySynchronizationSkipped'])

/** §4.3: Graph synchronizationQuarantine.reason. */
export const QUARANTINE_REASONS = [
  'EncounteredBaseEscrowThreshold',
  'EncounteredTotalEscrowThreshold',
  'EncounteredEscrowProportionThreshold',
  'EncounteredQuarantineException',
  'Unknown',
  'QuarantinedOnDemand',
  'TooManyDeletes',
  'IngestionInterrupted',
] as const

/** The check ids the brief says will exist. */
export const KNOWN_CHECK_IDS = new Set([
  'test-connection/users-filter-responds-200',
  'test-connection/groups-filter-responds-200',
  'test-connection/rejects-wrong-token',
  'create-user/accepts-entra-body',
  'create-user/rejects-duplicate-username',
  'create-user/echoes-attributes',
  'get-user-by-query/finds-exactly-one',
  'get-user/unknown-id-responds-404',
  'get-group/excludes-members',
  'update-user-single-valued/responds-200-or-204',
  'update-user-manager/returns-manager-as-object',
  'update-group-remove-members/keeps-other-members',
  'test-connection/no-accept-header-needed',
  'get-user-by-query/response-is-list-response',
])
