// How a check declares itself: the claim lives in a catalog, the proof in a flow file.
import type { Ref } from './refs.ts'

export type Severity = 'required' | 'recommended'

/** What Entra does when a server breaks the rule: the provisioning-log error code and, where one follows, the quarantine reason. */
export interface EntraConsequence {
  /** Provisioning-log error code (entra-facts.md §5.1), e.g. SystemForCrossDomainIdentityManagementServiceIncompatible. */
  code: string
  /** Graph quarantine reason (§4.3), when the behaviour can quarantine the job. */
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
  /** At least one; the first is the primary citation. */
  refs: readonly [Ref, ...Ref[]]
  /** Only when the requirement is Entra-specific or surprising. */
  why?: string
  entra: EntraConsequence
  /** What to change in the server, in one or two sentences. */
  fix: string
}

export const defineChecks = <const T extends Record<string, CheckInfo>>(checks: T): T => checks
