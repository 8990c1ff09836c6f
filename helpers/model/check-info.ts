// How a check declares itself: the claim at the top of the flow file that proves it (specs/), the catalog read from the flows.
import type { Ref } from './refs.ts'

/**
 * How much a failure matters, decided by evidence (see `evidence`), never by taste:
 * - `entra`: Entra sends this request at run time and a wrong answer fails provisioning, quarantines the job or
 *   silently leaves wrong data. A failure fails the run.
 * - `gallery`: Microsoft's gallery onboarding or its validation tools require it; a running job does not depend on it.
 *   A warning; fails the run with --gallery (or --strict).
 * - `security`: the endpoint lets in a request it must refuse (any bearer token, or none). Entra always sends the
 *   right token, so it never meets this; anyone else who reaches the endpoint does (RFC 6750 §3.1, Microsoft's
 *   gallery security requirements). A failure fails the run.
 * - `rfc`: an RFC MUST or SHOULD that Entra does not exercise. A warning; fails the run with --strict.
 * Checks written against the old two levels map as required → 'entra' (once its evidence is cited), recommended → 'gallery' or 'rfc'.
 */
export type Severity = 'entra' | 'security' | 'gallery' | 'rfc'

export const SEVERITIES: readonly Severity[] = ['entra', 'security', 'gallery', 'rfc']

/** How every report prints a level. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  entra: 'Entra breaks',
  security: 'Security',
  gallery: 'Gallery',
  rfc: 'RFC only',
}

/** Why a check has its level: one sentence, and where it is shown (a Microsoft document section, a public capture of Entra traffic, or the RFC section). */
export interface Evidence {
  says: string
  sources: readonly [Ref, ...Ref[]]
}

/** What Entra does when a server breaks the rule: the provisioning-log error code and, where one follows, the quarantine reason. */
export interface EntraConsequence {
  /** Provisioning-log error code, e.g. SystemForCrossDomainIdentityManagementServiceIncompatible. */
  code: string
  /** Graph quarantine reason, when the behaviour can quarantine the job. */
  quarantine?: string
  /** What the admin sees happen, in one sentence. */
  effect: string
  /** The answer this consequence assumes the server gave: 'accepted' ("Entra logs it as a success…") or 'refused'
   * ("the update fails…"). When the recorded answer says otherwise, the report shows the consequence of what was
   * observed instead (helpers/suite/consequences.ts observedConsequence). */
  presumes?: 'accepted' | 'refused'
}

export interface CheckInfo {
  /** The correct behaviour, as a sentence a reader of the report understands. */
  title: string
  severity: Severity
  /** The evidence for `severity`. */
  evidence: Evidence
  /** At least one; the first is the primary citation. */
  refs: readonly [Ref, ...Ref[]]
  /** Only when the requirement is Entra-specific or surprising. */
  why?: string
  entra: EntraConsequence
  /** What to change in the server, in one or two sentences. */
  fix: string
}

/** Whether a failure of this level fails the run under the given flags; otherwise it is a warning. */
export function failsRun(severity: Severity, flags: { strict: boolean; gallery: boolean }): boolean {
  return severity === 'entra' || severity === 'security' || flags.strict || (severity === 'gallery' && flags.gallery)
}

export const defineChecks = <const T extends Record<string, CheckInfo>>(checks: T): T => checks
