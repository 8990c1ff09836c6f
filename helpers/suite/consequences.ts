// What Entra does about a broken rule, in its own terms (Microsoft Learn: application provisioning in quarantine status; how to analyze the provisioning logs). Catalog entries
// reuse these so the same behaviour always reads the same in every report.
import type { EntraConsequence } from './check-info.ts'

export const SERVICE_INCOMPATIBLE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
  quarantine: 'EncounteredQuarantineException (SCIM compliance issue)',
  effect: 'Entra cannot use the answer; Test Connection fails, or the job is quarantined when it happens during a cycle.',
}

export const CREDENTIALS_FAILURE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
  quarantine: 'EncounteredQuarantineException (invalid credentials)',
  effect: 'Test Connection fails with "invalid credentials"; a running job is quarantined.',
}

export const UNPARSEABLE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
  effect: 'Entra cannot deserialize the answer; the object fails to provision and is retried next cycle.',
}

export const DUPLICATE_TARGET: EntraConsequence = {
  code: 'DuplicateTargetEntries',
  effect: 'The match query finds the wrong number of users, so Entra creates duplicates or refuses to match.',
}

export const CHURN: EntraConsequence = {
  code: 'EntrySynchronizationSkipped → repeated Update',
  effect: 'Entra sees a value different from what it sent and re-sends it every cycle (about every 40 minutes), forever.',
}

export const CONFLICT: EntraConsequence = {
  code: 'Conflict / EntryConflict',
  effect: 'Entra logs a conflict for the object and does not retry it automatically.',
}

export const INVALID_ANCHOR: EntraConsequence = {
  code: 'InvalidAnchor',
  effect: 'Entra cannot find a user it created or matched before; updates fail until the job is restarted.',
}

export const GALLERY_ONLY: EntraConsequence = {
  code: 'none at run time (gallery onboarding review)',
  effect: 'Microsoft requires schema discovery for gallery apps; the runtime service does not call it for non-gallery apps.',
}

export const ADMIN_CONFUSION: EntraConsequence = {
  code: 'the endpoint’s error text is shown verbatim in the provisioning log',
  effect: 'Admins see an error without a SCIM Error body and cannot tell what to fix.',
}

export const NO_ACCESS_TOKEN: EntraConsequence = {
  code: 'CredentialValidationUnavailable',
  effect: 'Entra gets no access token: Test Connection fails ("Supported CredentialLocationInRequest is required…" when the credentials were not read from the Basic header) and no SCIM request is sent.',
}

export const GALLERY_AUTH: EntraConsequence = {
  code: 'none at run time (gallery onboarding review)',
  effect: 'Provisioning itself works, but Microsoft’s gallery review rejects client credentials whose tokens do not live 60 minutes to 6 hours.',
}

export const TOKEN_SECURITY: EntraConsequence = {
  code: 'none (Entra is unaffected)',
  effect: 'Entra provisions normally, but the endpoint hands out or honours credentials it should refuse: a security defect a gallery review or a customer audit finds.',
}

export const OAUTH_INTEROP: EntraConsequence = {
  code: 'none (Entra reads only the status)',
  effect: 'Entra still treats the answer as a failed authentication; standard OAuth clients and tools rely on the challenge to know what went wrong.',
}

export const UPDATE_REJECTED: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementBadRequest',
  quarantine: 'EncounteredQuarantineException when most updates fail',
  effect: 'The update fails, the change never reaches the app, and Entra retries the user every cycle.',
}

export const ACCESS_KEPT: EntraConsequence = {
  code: 'none (Entra logs the Disable as a success)',
  effect: 'A user disabled or unassigned in Entra keeps access to the app; Entra re-sends the disable every cycle.',
}

export const DISABLED_INVISIBLE: EntraConsequence = {
  code: 'Conflict / EntryConflict',
  effect: 'When the user comes back into scope Entra cannot find the disabled account, POSTs a new one and collides with the hidden account.',
}

export const DELETE_IGNORED: EntraConsequence = {
  code: 'none (Entra logs the Delete as a success)',
  effect: 'The user Entra deleted keeps existing, and possibly access, in the app; Entra no longer manages it.',
}

export const VALIDATION_ONLY: EntraConsequence = {
  code: 'none at run time (Microsoft’s validation fails SCIM_User_Pagination_Test)',
  effect: 'The provisioning service queries by filter and does not page, but Microsoft’s gallery validation and other SCIM clients do, and miss or repeat users.',
}

// A public capture saw the 403 page (kortix-ai/suna#7297); which code Entra logs for it is not documented. Test Connection reports every unexpected
// answer to its query as a credential-validation failure (Broadcom KB 430118), so that is what the admin most likely sees.
export const BLOCKED_BY_PROXY: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
  quarantine: 'EncounteredQuarantineException',
  effect: 'A proxy or WAF answers Entra with its own page before the SCIM service sees the request; Test Connection fails and a running job is quarantined.',
}

export const MEMBERS_IN_RESPONSE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse',
  effect: 'Entra asked for the group without its members and got them anyway; the group operation fails (Microsoft: How to analyze the provisioning logs uses this very case as its example).',
}
