// The one result model every renderer reads. Renderers are pure functions of a RunResult.
import type { EntraConsequence, Severity } from '../check-info.ts'
import type { Exchange } from '../exchange.ts'
import type { Ref } from '../refs.ts'

export type Dialect = 'legacy' | 'aadOptscim062020'
export type Outcome = 'passed' | 'failed' | 'warned' | 'skipped' | 'waived'

export interface CheckResult {
  id: string
  title: string
  /** The Microsoft tutorial heading the check belongs to, e.g. "Create User". */
  flow: string
  /** Set on checks of flows that run once per PATCH dialect. */
  dialect?: Dialect
  severity: Severity
  refs: Ref[]
  outcome: Outcome
  /** Why it failed, warned or was skipped, in one or two sentences; names the request. */
  message?: string
  expected?: unknown
  actual?: unknown
  /** Seq numbers of the exchanges (RunResult.exchanges) the check relied on. */
  exchanges: number[]
  durationMs: number
  entra: EntraConsequence
  fix: string
  /** Set when a waiver turned a failure into `waived`. */
  waiver?: { reason: string; expires?: string }
}

export interface RunInfo {
  tool: { name: string; version: string }
  runId: string
  /** Prefix carried by every resource the run created (userName, displayName, externalId). */
  runPrefix: string
  target: string
  /** True when the suite started its own reference endpoint. */
  embedded: boolean
  startedAt: string
  finishedAt: string
  durationMs: number
  dialects: Dialect[]
  profile: string
  matchingAttribute: string
  seed: number
  strict: boolean
  readOnly: boolean
  /** Warnings about the run itself (e.g. --insecure, http:// target), printed in every format. */
  notices: string[]
}

export type VerdictKind = 'ready' | 'warnings' | 'fails'

export interface Verdict {
  kind: VerdictKind
  /** "Ready for Entra", "Works with Entra, with warnings", "Entra provisioning will fail: <first failing flow>". */
  headline: string
  /** Whether gallery onboarding requirements are met, and if not, which. */
  gallery: { met: boolean; text: string }
}

export interface Counts {
  passed: number
  failed: number
  warned: number
  skipped: number
  waived: number
}

export interface LeftoverResource {
  type: 'User' | 'Group'
  id: string
  name: string
  reason: string
}

export interface RunResult {
  $schema?: string
  run: RunInfo
  verdict: Verdict
  counts: Counts
  checks: CheckResult[]
  /** Every exchange of the run, in order, with Authorization redacted. */
  exchanges: Exchange[]
  /** Resources the run created and could not delete. */
  leftovers: LeftoverResource[]
  /** Present when --baseline was given. */
  diff?: { baseline: string; newFailures: string[]; fixed: string[]; changed: string[] }
}
