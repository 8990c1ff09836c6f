// What each Entra provisioning-log error code and Graph quarantine reason means, and which check reproduces it.
// Sources: Microsoft Learn (how to analyze the provisioning logs; quarantine status; how provisioning works), Graph's
// synchronizationQuarantine; captures 1Password/scim-examples#82,
// pranems/SCIMServer, Broadcom KB 430118, Microsoft Q&A 4969398. HTTP statuses are inferred from the names.

/** Check ids that reproduce a code. Kept as a closed list so the mapping can be checked against the catalog. */
export type ReproducerCheckId =
  | 'test-connection/users-filter-responds-200'
  | 'test-connection/groups-filter-responds-200'
  | 'test-connection/rejects-wrong-token'
  | 'create-user/accepts-entra-body'
  | 'create-user/rejects-duplicate-username'
  | 'create-user/echoes-attributes'
  | 'get-user-by-query/finds-exactly-one'
  | 'get-user/unknown-id-responds-404'
  | 'get-group/excludes-members'
  | 'update-user-single-valued/responds-200-or-204'
  | 'update-user-manager/returns-manager-as-object'
  | 'update-group-remove-members/keeps-other-members'
  | 'test-connection/no-accept-header-needed'
  | 'get-user-by-query/response-is-list-response'

export interface RetryInfo {
  /** True when Entra retries on its own schedule without anyone fixing anything (the provisioning-log guide says so for the code). */
  automatic: boolean
  when: string
}

export interface CodeInfo {
  code: string
  kind: 'provisioning-log' | 'quarantine-reason'
  /** Where the code is documented: 'log-guide' the table of Microsoft's "How to analyze the provisioning logs", seen in the wild, or the Graph enum. */
  source: 'log-guide' | 'in-the-wild' | 'graph'
  meaning: string
  fix: string
  retry: RetryInfo
  /** Statuses from the SCIM endpoint that typically produce the code; empty when the cause is not an HTTP answer. */
  httpStatus: readonly number[]
  /** Checks of this suite that reproduce the code against an endpoint; empty when the cause lies outside the endpoint. */
  reproducers: readonly ReproducerCheckId[]
  /** Quarantine reason the code leads to when it happens on Test Connection or on most calls. */
  quarantine?: string
  /** True when the code marks a skip rather than a failure. */
  notAFailure?: boolean
}

// Microsoft's 'How application provisioning works': every failed object is escrowed and retried in later cycles with growing gaps, whatever the code.
const ESCROWED: RetryInfo = {
  automatic: false,
  when: 'Escrowed: retried in later cycles with growing gaps (Microsoft: How application provisioning works), and fails again until the cause is fixed',
}
const IN_40_MIN: RetryInfo = {
  automatic: true,
  when: 'Retried automatically in 40 minutes (Microsoft: How to analyze the provisioning logs)',
}
const NOT_RETRIED: RetryInfo = { automatic: false, when: 'Nothing to retry' }

type Entry = Omit<CodeInfo, 'code' | 'kind'>

const logCode = (e: Entry): Entry => e

const conflict = logCode({
  source: 'log-guide',
  meaning:
    'The endpoint refused the write because an object with a conflicting value (usually userName) already exists there, which Entra did not find when it queried by the matching attribute.',
  fix: 'Correct the conflicting value, or fix matching so the query by the matching attribute finds the existing account and Entra takes it over.',
  retry: ESCROWED,
  httpStatus: [409],
  reproducers: ['get-user-by-query/finds-exactly-one', 'create-user/rejects-duplicate-username'],
})

const forbidden = (status: number[], meaning: string): Entry => ({
  source: 'log-guide',
  meaning,
  fix: 'Give the credential Entra uses the rights to create, update and deactivate users and groups, and follow the app tutorial for its permissions.',
  retry: ESCROWED,
  httpStatus: status,
  reproducers: ['create-user/accepts-entra-body', 'update-user-single-valued/responds-200-or-204'],
})

const LOG_CODES = {
  Conflict: conflict,
  EntryConflict: conflict,
  TooManyRequests: logCode({
    source: 'log-guide',
    meaning: 'The endpoint throttled Entra with 429 Too Many Requests.',
    fix: 'Nothing to change in Entra; let the endpoint sustain at least 25 requests per second per tenant, since non-gallery jobs are not rate limited by Entra (Microsoft Q&A 1233453). Measure it with `npx scim-preflight load`.',
    retry: {
      automatic: true,
      when: 'Retried automatically; Microsoft is notified (Microsoft: How to analyze the provisioning logs). Whether Retry-After is honoured is unverified.',
    },
    httpStatus: [429],
    reproducers: [],
  }),
  InternalServerError: logCode({
    source: 'log-guide',
    meaning: 'The endpoint answered with a 5xx server error.',
    fix: 'Find the failing request in the endpoint’s own logs (the response text is in the log entry) and fix the server error.',
    retry: IN_40_MIN,
    httpStatus: [500, 502, 503],
    reproducers: ['create-user/accepts-entra-body', 'update-user-single-valued/responds-200-or-204'],
  }),
  InsufficientRights: forbidden(
    [403],
    'The endpoint accepted the credential but refused the operation: the token lacks the rights it needs.',
  ),
  MethodNotAllowed: logCode({
    source: 'log-guide',
    meaning: 'The endpoint answered 405: it does not allow the HTTP method Entra used (often PATCH) on that path.',
    fix: 'Support PATCH on /Users/{id} and /Groups/{id}, and POST on /Users and /Groups.',
    retry: ESCROWED,
    httpStatus: [405],
    reproducers: ['update-user-single-valued/responds-200-or-204', 'update-group-remove-members/keeps-other-members'],
  }),
  NotPermitted: forbidden(
    [403],
    'The endpoint refused the operation for this credential or object: authenticated, but not authorized.',
  ),
  Unauthorized: logCode({
    source: 'log-guide',
    meaning: 'The endpoint answered 401 or 403 to a write although the credential passed Test Connection.',
    fix: 'Make the token configured in Entra valid for every operation (read and write), not only for the Test Connection query.',
    retry: ESCROWED,
    httpStatus: [401, 403],
    reproducers: ['test-connection/rejects-wrong-token', 'create-user/accepts-entra-body'],
  }),
  UnprocessableEntity: logCode({
    source: 'log-guide',
    meaning: 'The endpoint answered 422: it understood the request but rejected its content.',
    fix: 'Check the target’s configuration and the attribute values it rejects (the response text is in the log entry).',
    retry: ESCROWED,
    httpStatus: [422],
    reproducers: ['create-user/accepts-entra-body', 'update-user-single-valued/responds-200-or-204'],
  }),
  WebExceptionProtocolError: logCode({
    source: 'log-guide',
    meaning:
      'The HTTP exchange failed with a status Entra has no more specific code for (an HTTP protocol-level error).',
    fix: 'Read the status and response text in the log entry, and make the endpoint answer as RFC 7644 and the Entra tutorial expect.',
    retry: IN_40_MIN,
    httpStatus: [400, 404, 500],
    reproducers: ['create-user/accepts-entra-body', 'update-user-single-valued/responds-200-or-204'],
  }),
  InvalidAnchor: logCode({
    source: 'log-guide',
    meaning:
      'An object Entra created or matched earlier is no longer found at the id it stored (GET by id answers 404; mapping inferred, unverified).',
    fix: 'Make sure the object still exists at the same id, or restart the job so Entra matches it again and clears its cache.',
    retry: ESCROWED,
    httpStatus: [404],
    reproducers: ['get-user/unknown-id-responds-404'],
  }),
  NotImplemented: logCode({
    source: 'log-guide',
    meaning:
      'The endpoint answered 501: it does not implement what Entra asked for (a filter, a PATCH form or an endpoint).',
    fix: 'Implement the filters and PATCH forms Entra sends, or check the app’s configuration.',
    retry: ESCROWED,
    httpStatus: [501],
    reproducers: ['test-connection/users-filter-responds-200', 'update-user-single-valued/responds-200-or-204'],
  }),
  MandatoryFieldsMissing: logCode({
    source: 'log-guide',
    meaning: 'The object could not be created because values the mapping requires are empty in the source.',
    fix: 'Populate the source values, or change the attribute mappings so required target attributes always get a value.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: [],
  }),
  MissingValues: logCode({
    source: 'log-guide',
    meaning: 'Values needed to create the object are missing in the source.',
    fix: 'Populate the source values, or fix the attribute mappings.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: [],
  }),
  SchemaAttributeNotFound: logCode({
    source: 'log-guide',
    meaning: 'A mapping writes to an attribute that does not exist in the target.',
    fix: 'Remove or fix the mapping, or add the attribute to the target’s attribute list and make the endpoint keep it.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: ['create-user/echoes-attributes'],
  }),
  InternalError: logCode({
    source: 'log-guide',
    meaning: 'An internal error in the Entra provisioning service, not in the endpoint.',
    fix: 'Nothing to change in the endpoint; if it persists, open a Microsoft support case.',
    retry: IN_40_MIN,
    httpStatus: [],
    reproducers: [],
  }),
  InvalidDomain: logCode({
    source: 'log-guide',
    meaning: 'An attribute value (often userName or email) uses a domain the target does not accept.',
    fix: 'Update the value in the source, or allow the domain in the target.',
    retry: ESCROWED,
    httpStatus: [400],
    reproducers: [],
  }),
  Timeout: logCode({
    source: 'log-guide',
    meaning: 'The endpoint took too long to answer.',
    fix: 'Make the endpoint answer promptly under Entra’s load (at least 25 requests per second per tenant).',
    retry: IN_40_MIN,
    httpStatus: [],
    reproducers: [],
  }),
  LicenseLimitExceeded: logCode({
    source: 'log-guide',
    meaning: 'The target has no licences left for new users.',
    fix: 'Buy more licences in the target, or narrow who is assigned to the app.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: [],
  }),
  DuplicateTargetEntries: logCode({
    source: 'log-guide',
    meaning: 'The query by the matching attribute returned more than one object from the endpoint.',
    fix: 'Remove the duplicate in the target, make the filter return exactly the matching object, or change the matching attribute.',
    retry: ESCROWED,
    httpStatus: [200],
    reproducers: ['get-user-by-query/finds-exactly-one'],
  }),
  DuplicateSourceEntries: logCode({
    source: 'log-guide',
    meaning: 'More than one source object has the same matching value.',
    fix: 'Remove the duplicate in Entra ID, or change the matching attribute.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: [],
  }),
  ImportSkipped: logCode({
    source: 'log-guide',
    meaning: 'The source object lacks the matching attribute, so Entra could not evaluate scope, match or export it.',
    fix: 'Populate the matching attribute in the source.',
    retry: NOT_RETRIED,
    httpStatus: [],
    reproducers: [],
    notAFailure: true,
  }),
  EntrySynchronizationSkipped: logCode({
    source: 'log-guide',
    meaning: 'The object was evaluated and nothing had to be done (out of scope, or already in sync).',
    fix: 'None needed.',
    retry: NOT_RETRIED,
    httpStatus: [],
    reproducers: [],
    notAFailure: true,
  }),
  SystemForCrossDomainIdentityManagementMultipleEntriesInResponse: logCode({
    source: 'log-guide',
    meaning:
      'A query returned several objects where Entra expected one, for example a group query that returned members despite excludedAttributes=members.',
    fix: 'Make filters return only the matching object and honour excludedAttributes=members on /Groups.',
    retry: ESCROWED,
    httpStatus: [200],
    reproducers: ['get-user-by-query/finds-exactly-one', 'get-group/excludes-members'],
  }),
  SystemForCrossDomainIdentityManagementServiceIncompatible: logCode({
    source: 'log-guide',
    meaning:
      'Entra could not understand the endpoint’s answer: not SCIM JSON, a wrong shape (such as manager not as an object), or 404 where 200 was expected.',
    fix: 'Answer with SCIM JSON in the shapes RFC 7643/7644 define, 200 with a ListResponse for filters, and complex attributes as objects.',
    retry: ESCROWED,
    httpStatus: [200, 404],
    reproducers: [
      'test-connection/users-filter-responds-200',
      'test-connection/groups-filter-responds-200',
      'test-connection/no-accept-header-needed',
      'update-user-manager/returns-manager-as-object',
    ],
    quarantine: 'EncounteredQuarantineException',
  }),
  SchemaPropertyCanOnlyAcceptValue: logCode({
    source: 'log-guide',
    meaning: 'A target attribute is single-valued but the mapping sends several values.',
    fix: 'Map a single value (for example with an expression that picks one).',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: [],
  }),
  SystemForCrossDomainIdentityManagementBadRequest: logCode({
    source: 'in-the-wild',
    meaning:
      'The endpoint answered 400 Bad Request to a request Entra considers valid SCIM (seen in 1Password/scim-examples#82).',
    fix: 'Accept the request shapes Entra sends (PatchOp forms, capitalised op values, string booleans); the endpoint’s own response text is in the log entry.',
    retry: ESCROWED,
    httpStatus: [400],
    reproducers: [
      'create-user/accepts-entra-body',
      'update-user-single-valued/responds-200-or-204',
      'update-group-remove-members/keeps-other-members',
    ],
  }),
  SystemForCrossDomainIdentityManagementBadResponse: logCode({
    source: 'in-the-wild',
    meaning: 'The endpoint’s answer could not be used: malformed or not in the expected shape.',
    fix: 'Answer with well-formed SCIM JSON and the Content-Type application/scim+json.',
    retry: ESCROWED,
    httpStatus: [200],
    reproducers: ['test-connection/no-accept-header-needed', 'get-user-by-query/response-is-list-response'],
  }),
  SystemForCrossDomainIdentityManagementCredentialValidationFailure: logCode({
    source: 'in-the-wild',
    meaning:
      'The endpoint rejected the credential Entra sent (401), for example an expired or wrong token (Broadcom KB 430118; Microsoft Q&A 4969398).',
    fix: 'Generate a new token, put it in the app’s Secret Token, run Test Connection, save, then restart provisioning.',
    retry: ESCROWED,
    httpStatus: [401],
    reproducers: ['test-connection/rejects-wrong-token', 'test-connection/users-filter-responds-200'],
    quarantine: 'EncounteredQuarantineException',
  }),
  CredentialValidationUnavailable: logCode({
    source: 'in-the-wild',
    meaning:
      'Entra could not obtain or validate the credential at all (seen with OAuth token-endpoint problems, pranems/SCIMServer).',
    fix: 'Check the OAuth token endpoint, client id and secret configured in the app, then run Test Connection.',
    retry: ESCROWED,
    httpStatus: [],
    reproducers: ['test-connection/users-filter-responds-200'],
    quarantine: 'EncounteredQuarantineException',
  }),
  InvalidCredentials: logCode({
    source: 'in-the-wild',
    meaning:
      'Entra judged the credential invalid; seen wrapping a ServiceIncompatible answer to Test Connection (pranems/SCIMServer).',
    fix: 'Check the token, and that the Test Connection query answers 200 with a SCIM ListResponse.',
    retry: ESCROWED,
    httpStatus: [401],
    reproducers: ['test-connection/rejects-wrong-token', 'test-connection/users-filter-responds-200'],
    quarantine: 'EncounteredQuarantineException',
  }),
} satisfies Record<string, Entry>

// Which threshold each Escrow reason stands for is not stated by Microsoft beyond the proportion one (Microsoft's 'Application provisioning in quarantine status'); the others are inferred.
const QUARANTINE_REASONS = {
  EncounteredBaseEscrowThreshold: {
    source: 'graph',
    meaning:
      'Too many objects failed: the base failure threshold was passed (probably the 40,000 non-reference failures Microsoft documents; inferred).',
    fix: 'Fix the commonest error codes in the provisioning logs, then restart provisioning.',
    retry: { automatic: true, when: 'Re-evaluated on the quarantine back-off schedule (6 h, 12 h, 24 h, then daily)' },
    httpStatus: [],
    reproducers: [],
  },
  EncounteredTotalEscrowThreshold: {
    source: 'graph',
    meaning:
      'Too many objects failed in all, reference failures included (probably the 60,000 cap Microsoft documents; inferred).',
    fix: 'Fix the commonest error codes in the provisioning logs, manager and group-member failures included, then restart provisioning.',
    retry: { automatic: true, when: 'Re-evaluated on the quarantine back-off schedule (6 h, 12 h, 24 h, then daily)' },
    httpStatus: [],
    reproducers: [],
  },
  EncounteredEscrowProportionThreshold: {
    source: 'graph',
    meaning: 'More than 40 % of provisioning events failed (Microsoft: Application provisioning in quarantine status).',
    fix: 'Fix the commonest error codes in the provisioning logs, then restart provisioning.',
    retry: { automatic: true, when: 'Re-evaluated on the quarantine back-off schedule (6 h, 12 h, 24 h, then daily)' },
    httpStatus: [],
    reproducers: [],
  },
  EncounteredQuarantineException: {
    source: 'graph',
    meaning:
      'Entra hit an error that quarantines the job at once: invalid credentials (Microsoft: Application provisioning in quarantine status), or an answer that is not SCIM-compliant, such as 404 instead of 200 on the Test Connection query.',
    fix: 'Put a valid token in the app, check the tenant URL, make the user and group filters answer 200 with a ListResponse, run Test Connection, then restart provisioning.',
    retry: {
      automatic: true,
      when: 'Retried on the quarantine back-off schedule; lifted by the first successful attempt',
    },
    httpStatus: [401, 404],
    reproducers: [
      'test-connection/users-filter-responds-200',
      'test-connection/groups-filter-responds-200',
      'test-connection/rejects-wrong-token',
    ],
  },
  Unknown: {
    source: 'graph',
    meaning: 'Graph gives no reason for the quarantine.',
    fix: 'Read the quarantine error and the provisioning logs to find the cause.',
    retry: { automatic: true, when: 'Retried on the quarantine back-off schedule' },
    httpStatus: [],
    reproducers: [],
  },
  QuarantinedOnDemand: {
    source: 'graph',
    meaning:
      'Microsoft detected a problem and quarantined the job by hand (the quarantine article spells it QuarantineOnDemand).',
    fix: 'Read the quarantine error and the provisioning logs; contact Microsoft support if the cause is unclear.',
    retry: { automatic: false, when: 'Not lifted by retries; restart once the cause is fixed' },
    httpStatus: [],
    reproducers: [],
  },
  TooManyDeletes: {
    source: 'graph',
    meaning:
      'The accidental-deletion threshold was exceeded: more deletes were pending than the job allows (Microsoft: Accidental deletions prevention).',
    fix: 'Review the pending deletes; allow them (restart with resetScope ForceDeletes) or reject them and fix the scoping change that caused them.',
    retry: { automatic: false, when: 'Held until the deletes are allowed or rejected' },
    httpStatus: [],
    reproducers: [],
  },
  IngestionInterrupted: {
    source: 'graph',
    meaning: 'Reading changes from the source was interrupted.',
    fix: 'Restart provisioning; if it recurs, contact Microsoft support.',
    retry: { automatic: true, when: 'Retried on the quarantine back-off schedule' },
    httpStatus: [],
    reproducers: [],
  },
} satisfies Record<string, Entry>

const withKind = (kind: CodeInfo['kind'], table: Record<string, Entry>): Record<string, CodeInfo> =>
  Object.fromEntries(Object.entries(table).map(([code, e]) => [code, { code, kind, ...e }]))

export type ProvisioningErrorCode = keyof typeof LOG_CODES
export type QuarantineReason = keyof typeof QUARANTINE_REASONS

/** Every provisioning-log error code of Microsoft's 'How to analyze the provisioning logs', and those seen in the wild. */
export const provisioningErrorCodes = withKind('provisioning-log', LOG_CODES) as Record<ProvisioningErrorCode, CodeInfo>
/** Every Graph synchronizationQuarantine.reason of §4.3. */
export const quarantineReasons = withKind('quarantine-reason', QUARANTINE_REASONS) as Record<QuarantineReason, CodeInfo>

// Longest first, so "EntryConflict" wins over "Conflict" as a suffix.
const bySuffix = Object.keys(provisioningErrorCodes).sort((a, b) => b.length - a.length)

/**
 * The table entry for a code as it appears in a log. Graph prefixes some codes with the app's name
 * ("ContosoEntryConflict"), so an unknown code is matched by its longest known suffix.
 */
export function lookupErrorCode(raw: string | undefined | null): CodeInfo | undefined {
  if (!raw) return undefined
  const exact = (provisioningErrorCodes as Record<string, CodeInfo>)[raw]
  if (exact) return exact
  const lower = raw.toLowerCase()
  const suffix = bySuffix.find((code) => lower.endsWith(code.toLowerCase()))
  return suffix ? (provisioningErrorCodes as Record<string, CodeInfo>)[suffix] : undefined
}

/** The table entry for a quarantine reason; accepts the quarantine article's spelling "QuarantineOnDemand" too. */
export function lookupQuarantineReason(raw: string | undefined | null): CodeInfo | undefined {
  if (!raw) return undefined
  const name = raw === 'QuarantineOnDemand' ? 'QuarantinedOnDemand' : raw
  const table = quarantineReasons as Record<string, CodeInfo>
  return table[name] ?? Object.values(table).find((r) => r.code.toLowerCase() === name.toLowerCase())
}

/** Every (code, check id) pair of the table, for checking the mapping against the check catalog. */
export function allReproducers(): { code: string; checkId: ReproducerCheckId }[] {
  return [...Object.values(provisioningErrorCodes), ...Object.values(quarantineReasons)].flatMap((info) =>
    info.reproducers.map((checkId) => ({ code: info.code, checkId })),
  )
}
