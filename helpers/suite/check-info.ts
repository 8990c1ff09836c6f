// How a check declares itself: the claim lives in a catalog, the proof in a flow file.
import type { Ref } from './refs.ts'

export type Severity = 'required' | 'recommended'

/** What Entra does when a server breaks the rule: the provisioning-log error code and, where one follows, the quarantine reason. */
export interface EntraConsequence {
  /** Provisioning-log error code (Microsoft's 'How to analyze the provisioning logs'), e.g. SystemForCrossDomainIdentityManagementServiceIncompatible. */
  code: string
  /** Graph quarantine reason (§4.3), when the behaviour can quarantine the job. */
  quarantine?: string
  /** What the admin sees happen, in one sentence. */
  effect: string
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
