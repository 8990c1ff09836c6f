// What Entra does about a broken rule, in its own terms (Microsoft Learn: application provisioning in quarantine status; how to analyze the provisioning logs). Catalog entries
// reuse these so the same behaviour always reads the same in every report.
import { SEVERITY_LABEL, type EntraConsequence, type Severity } from '../model/check-info.ts'
import type { AnswerClass } from '../model/result.ts'

export const SERVICE_INCOMPATIBLE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
  quarantine: 'EncounteredQuarantineException (SCIM compliance issue)',
  effect:
    'Entra cannot use the answer; Test Connection fails, or the job is quarantined when it happens during a cycle.',
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
  presumes: 'accepted',
}

export const CHURN: EntraConsequence = {
  code: 'EntrySynchronizationSkipped → repeated Update',
  effect:
    'Entra sees a value different from what it sent and re-sends it every cycle (about every 40 minutes), forever.',
  presumes: 'accepted',
}

export const CONFLICT: EntraConsequence = {
  code: 'Conflict / EntryConflict',
  effect: 'Entra logs a conflict for the object and does not retry it automatically.',
}

export const INVALID_ANCHOR: EntraConsequence = {
  code: 'InvalidAnchor',
  effect: 'Entra cannot find a user it created or matched before; updates fail until the job is restarted.',
  presumes: 'refused',
}

export const GALLERY_ONLY: EntraConsequence = {
  code: 'none at run time (gallery onboarding review)',
  effect:
    'Microsoft requires schema discovery for gallery apps; the runtime service does not call it for non-gallery apps.',
}

export const ADMIN_CONFUSION: EntraConsequence = {
  code: 'the endpoint’s error text is shown verbatim in the provisioning log',
  effect: 'Admins see an error without a SCIM Error body and cannot tell what to fix.',
}

export const NO_ACCESS_TOKEN: EntraConsequence = {
  code: 'CredentialValidationUnavailable',
  effect:
    'Entra gets no access token: Test Connection fails ("Supported CredentialLocationInRequest is required…" when the credentials were not read from the Basic header) and no SCIM request is sent.',
}

export const GALLERY_AUTH: EntraConsequence = {
  code: 'none at run time (gallery onboarding review)',
  effect:
    'Provisioning itself works, but Microsoft’s gallery review rejects client credentials whose tokens do not live 60 minutes to 6 hours.',
}

export const TOKEN_SECURITY: EntraConsequence = {
  code: 'none (Entra is unaffected)',
  effect:
    'Entra provisions normally, but the endpoint hands out or honours credentials it should refuse: a security defect a gallery review or a customer audit finds.',
}

export const OAUTH_INTEROP: EntraConsequence = {
  code: 'none (Entra reads only the status)',
  effect:
    'Entra still treats the answer as a failed authentication; standard OAuth clients and tools rely on the challenge to know what went wrong.',
}

export const UPDATE_REJECTED: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementBadRequest',
  quarantine: 'EncounteredQuarantineException when most updates fail',
  effect: 'The update fails, the change never reaches the app, and Entra retries the user every cycle.',
  presumes: 'refused',
}

export const ACCESS_KEPT: EntraConsequence = {
  code: 'none (Entra logs the Disable as a success)',
  effect: 'A user disabled or unassigned in Entra keeps access to the app; Entra re-sends the disable every cycle.',
  presumes: 'accepted',
}

export const DISABLED_INVISIBLE: EntraConsequence = {
  code: 'Conflict / EntryConflict',
  effect:
    'When the user comes back into scope Entra cannot find the disabled account, POSTs a new one and collides with the hidden account.',
  presumes: 'accepted',
}

export const DELETE_IGNORED: EntraConsequence = {
  code: 'none (Entra logs the Delete as a success)',
  effect: 'The user Entra deleted keeps existing, and possibly access, in the app; Entra no longer manages it.',
  presumes: 'accepted',
}

export const VALIDATION_ONLY: EntraConsequence = {
  code: 'none at run time (Microsoft’s validation fails SCIM_User_Pagination_Test)',
  effect:
    'The provisioning service queries by filter and does not page, but Microsoft’s gallery validation and other SCIM clients do, and miss or repeat users.',
}

// A public capture saw the 403 page (kortix-ai/suna#7297); which code Entra logs for it is not documented. Test Connection reports every unexpected
// answer to its query as a credential-validation failure (Broadcom KB 430118), so that is what the admin most likely sees.
export const BLOCKED_BY_PROXY: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
  quarantine: 'EncounteredQuarantineException',
  effect:
    'A proxy or WAF answers Entra with its own page before the SCIM service sees the request; Test Connection fails and a running job is quarantined.',
}

export const MEMBERS_IN_RESPONSE: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse',
  effect:
    'Entra asked for the group without its members and got them anyway; the group operation fails (Microsoft: How to analyze the provisioning logs uses this very case as its example).',
  presumes: 'accepted',
}

// What Entra does with an answer, by its class, whatever the check was about (Microsoft's "How to analyze the provisioning
// logs", error codes: https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-analyze-provisioning-logs).
// Used when the catalog's consequence presumes another answer than the one recorded, so no report says "Entra logs the
// Disable as a success" after a 400 or "the update fails" after a 200.

/** 500, 502, 503, 504…: "InternalServerError: automatically retried in 40 minutes" (How to analyze the provisioning logs); failures count toward quarantine (Application provisioning in quarantine status). */
export const SERVER_ERROR: EntraConsequence = {
  code: 'InternalServerError',
  quarantine: 'EncounteredQuarantineException when most objects of a cycle fail',
  effect:
    'The object fails this cycle; Entra retries it in later cycles (about 40 minutes apart), and every failure counts toward quarantine.',
}

/** No answer in time, or the connection dropped: "Timeout" / "WebExceptionProtocolError", both retried in 40 minutes. */
export const NO_ANSWER: EntraConsequence = {
  code: 'Timeout / WebExceptionProtocolError',
  quarantine: 'EncounteredQuarantineException when most objects of a cycle fail',
  effect:
    'The object fails this cycle; Entra retries it in later cycles (about 40 minutes apart), and every failure counts toward quarantine.',
}

/** The request was accepted but what was read back differs: Entra believes it succeeded. */
export const ACCEPTED_WRONG_STATE: EntraConsequence = {
  code: 'none (Entra logs the request as a success)',
  effect: 'Entra logs the request as a success and believes the change was applied, but the app holds something else.',
  presumes: 'accepted',
}

const REFUSED_EFFECT: Record<string, string> = {
  POST: 'The create fails: the object never reaches the app; Entra retries it in later cycles and counts each failure toward quarantine.',
  PATCH:
    'The update fails: the change never reaches the app; Entra retries the object in later cycles and counts each failure toward quarantine.',
  PUT: 'The update fails: the change never reaches the app; Entra retries the object in later cycles and counts each failure toward quarantine.',
  DELETE: 'The delete fails: the object stays in the app, and Entra retries the delete in later cycles.',
  GET: 'Entra cannot read what it needs to decide the next request; the object fails and is retried in later cycles.',
}

/** The provisioning-log code Microsoft's error-code table lists for a refusal of this status. */
function refusedCode(status: number | undefined): string {
  switch (status) {
    case 401:
      return 'Unauthorized'
    case 403:
      return 'InsufficientRights / NotPermitted'
    case 405:
      return 'MethodNotAllowed'
    case 409:
      return 'Conflict / EntryConflict'
    case 422:
      return 'UnprocessableEntity'
    case 429:
      return 'TooManyRequests'
    case 501:
      return 'NotImplemented'
    default:
      return 'SystemForCrossDomainIdentityManagementBadRequest (the endpoint’s error is shown verbatim)'
  }
}

/** The consequence of the answer class alone, for a request of this method. */
export function consequenceOf(answer: AnswerClass, method: string, status?: number): EntraConsequence {
  if (answer === 'server-error') return SERVER_ERROR
  if (answer === 'no-answer') return NO_ANSWER
  if (answer === 'accepted') return ACCEPTED_WRONG_STATE
  return { code: refusedCode(status), effect: REFUSED_EFFECT[method] ?? REFUSED_EFFECT.GET!, presumes: 'refused' }
}

/**
 * The Entra line and fix a failure shows: the catalog's, unless they presume an answer the server did not give, or the
 * server errored (then the consequence of that answer, and a fix that starts from the recorded request).
 */
export function observedConsequence(
  catalog: { entra: EntraConsequence; fix: string },
  seen: { answer: AnswerClass; method: string; status?: number; request: string; detail?: string },
): { entra: EntraConsequence; fix: string } {
  const { answer } = seen
  if (answer === 'server-error' || answer === 'no-answer') {
    return {
      entra: consequenceOf(answer, seen.method, seen.status),
      fix: `Find out why ${seen.request}${seen.detail ? ` ("${seen.detail}")` : ''} failed on the server (its logs), and answer it reliably.`,
    }
  }
  const presumed = catalog.entra.presumes
  // A refusal the catalog foresaw keeps its consequence; the fix also quotes what the server said, which names the
  // value or operation it refused better than a general fix can.
  if (answer === 'refused' && presumed === 'refused' && seen.detail) {
    return {
      entra: catalog.entra,
      fix: `${catalog.fix} The server refused ${seen.request.replace(/ → .*$/, '')} with ${seen.status}: "${seen.detail}".`,
    }
  }
  if (!presumed || presumed === answer) return catalog
  if (answer === 'refused') {
    // The catalog's fix still says what to change; the refusal quoted says where the server stops today.
    return {
      entra: consequenceOf('refused', seen.method, seen.status),
      fix: `${catalog.fix} Today the server refuses ${seen.request.replace(/ → .*$/, '')} with ${seen.status}${seen.detail ? ` ("${seen.detail}")` : ''}.`,
    }
  }
  return { entra: ACCEPTED_WRONG_STATE, fix: catalog.fix }
}

/**
 * A Gallery or RFC-only check is, by its evidence, about a request Entra is not shown to send at run time, so its
 * consequence is never said as something Entra does: it is what Microsoft's validation, or another client, meets.
 */
export function consequenceAtLevel(severity: Severity, entra: EntraConsequence): EntraConsequence {
  if (severity === 'entra' || /^none( at run time|:)/i.test(entra.code)) return entra
  // A security check's own consequence already says Entra is unaffected and who is.
  if (severity === 'security' && /^none\b/i.test(entra.code)) return entra
  return {
    code: `none at run time (${SEVERITY_LABEL[severity]})`,
    effect:
      severity === 'gallery'
        ? "A running Entra job is not shown to depend on this; Microsoft's validation and gallery review check it and fail the endpoint on it."
        : severity === 'security'
          ? 'Entra always sends the right token, so its jobs are not affected; anyone else who reaches the endpoint can read and change its users and groups.'
          : "Entra's provisioning is not shown to send this request; other SCIM clients rely on the RFC rule it breaks.",
  }
}
