// The one result model every renderer reads. Renderers are pure functions of a RunResult.
import type { EntraConsequence, Evidence, Severity } from './check-info.ts'
import type { Exchange } from './exchange.ts'
import type { Dialect } from './dialect.ts'
import type { Ref } from './refs.ts'

/** `blocked`: a step this check depends on failed (blockedBy names it), so the check could not be judged; it carries no fix of its own. */
export type Outcome = 'passed' | 'failed' | 'warned' | 'skipped' | 'blocked' | 'waived'

export interface CheckResult {
  id: string
  title: string
  /** The Microsoft tutorial heading the check belongs to, e.g. "Create User". */
  flow: string
  /** Set on checks of flows that run once per PATCH dialect. */
  dialect?: Dialect
  /** entra: fails the run; gallery: a warning unless --gallery or --strict; rfc: a warning unless --strict. */
  severity: Severity
  /** Why the check has its level: the Microsoft document, the captured Entra traffic, or the RFC section. */
  evidence: Evidence
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
  /** On a `blocked` check: the id of the check whose failure kept this one from being judged. */
  blockedBy?: string
  /** On a failed or warned check: what the server did with the request the failure is about. `entra` and `fix` were
   * chosen from it (helpers/suite/consequences.ts), and causes are grouped by it (helpers/result/causes.ts). */
  observed?: Observed
  /** Set when a waiver turned a failure into `waived`. */
  waiver?: { reason: string; expires?: string }
  /** What a diagnosis found the server did (helpers/steps/differential.ts): causes are keyed and titled by it. */
  finding?: Finding
}

/** A diagnosed defect: checks with the same key are one cause, whatever flow, dialect or attribute they met it on. */
export interface Finding {
  /** What was diagnosed, e.g. "accepted-not-applied:op-case". */
  key: string
  /** What the server did, in words ("Applies `replace` but ignores `Replace`…"): the cause's title. */
  title: string
  /** The factor of the request that decides, when a differential diagnosis named one. */
  factor?: string
  /** The fix that names the factor (replaces the check's own). */
  fix?: string
  /** Of several checks' findings with one key, the one with the highest weight gives the cause its title (the most specific). */
  weight?: number
}

/** What identifies any run of the tool (a conformance run, a load run): shared by their reports. */
export interface RunStamp {
  tool: { name: string; version: string }
  runId: string
  /** Prefix carried by every resource the run created (userName, displayName, externalId). */
  runPrefix: string
  target: string
  /** True when the suite started its own reference endpoint. */
  embedded: boolean
  startedAt: string
  finishedAt: string
}

/** How the server answered a request: refused (4xx, or 501), server error (other 5xx), no answer, or accepted (2xx/3xx). */
export type AnswerClass = 'refused' | 'server-error' | 'no-answer' | 'accepted'

export interface Observed {
  answer: AnswerClass
  /** Seq of the exchange the failure is about. */
  exchange: number
  /** "PATCH /Users/{id} with op "Replace" → 400": the request as one cause sees it (ids elided). */
  request: string
  status?: number
}

/**
 * One defect: the failed (or warned) checks that share it, the one exchange that shows it, its fix and what Entra does
 * about it. Causes are ranked by what they do to Entra (rank 1 first).
 */
export interface Cause {
  /** Stable grouping key, e.g. "refused:PATCH /Users op=Replace 400" or "check:create-user/echoes-attributes". */
  key: string
  title: string
  /** 'failure': fails the run; 'warning': a warned check's cause. */
  level: 'failure' | 'warning'
  rank: number
  /** What this cause does to Entra, as a category ranked from worst (matching, creation) to least (cosmetics). */
  impact: string
  /** Seq of the exchange that shows the cause (absent when no request shows it). */
  exchange?: number
  request?: string
  fix: string
  entra: EntraConsequence
  /** Ids of the checks it failed (or warned), with their dialect when the flow ran per dialect. */
  checks: { id: string; dialect?: Dialect }[]
  /** Checks blocked because of it (blockedBy one of its checks). */
  blocked: number
  /** The server's own error text for the exchange that shows the cause, whole (renderers print it on its own line,
   * never cut into the title). */
  serverMessage?: string
}

export interface RunInfo extends RunStamp {
  durationMs: number
  dialects: Dialect[]
  profile: string
  matchingAttribute: string
  seed: number
  strict: boolean
  /** --gallery: gallery-level warnings and unmet gallery requirements fail the run. */
  gallery?: boolean
  readOnly: boolean
  /** Flow instances run at once (--concurrency; 1 = one request at a time). */
  concurrency?: number
  /** Warnings about the run itself (e.g. --insecure, http:// target), printed in every format. */
  notices: string[]
}

/**
 * `ready` only for a complete run against a real https target with nothing failed or warned. `incomplete`: the
 * run was stopped or cut (--only/--skip, --max-time, Ctrl-C, --read-only). `not-ready`: complete and clean, but
 * against the built-in endpoint or a plain http:// target, which proves nothing about a server Entra could reach.
 */
export type VerdictKind = 'ready' | 'warnings' | 'fails' | 'incomplete' | 'not-ready'

/** How much of the suite the verdict covers. */
export interface VerdictScope {
  complete: boolean
  /** Checks that got a passed/failed/warned/waived outcome, and the checks a full run has. */
  judged: number
  total: number
  /** Why the verdict cannot be "ready" whatever the checks say, in plain sentences (incomplete, built-in endpoint, http://). */
  limits: string[]
}

export type GalleryStatus = 'met' | 'not-met' | 'not-tested'

/** One requirement of Microsoft's gallery onboarding, as this run saw it. */
export interface GalleryItem {
  id: 'oauth' | 'schemas' | 'groups' | 'https' | 'rate' | 'validator'
  requirement: string
  status: GalleryStatus
  /** What decided the status: check ids with their outcome, the measured rate, the negotiated TLS version. */
  basis: string[]
  /** For not met: what to change; for not tested: how to test it. */
  next?: string
  source: Ref
}

export interface GalleryChecklist {
  /** Every requirement met. */
  met: boolean
  /** --gallery: an unmet requirement fails the run. */
  enforced: boolean
  /** Enforced and a requirement not met (or, against a real target, not tested): the run exits 1. */
  failsRun: boolean
  /** One line: how many requirements are met, and which are not. */
  text: string
  items: GalleryItem[]
}

export interface Verdict {
  kind: VerdictKind
  /** "Ready for Entra", "Works with Entra, with warnings", "Entra provisioning will fail: <cause>", "Incomplete run: …", "Not ready for Entra: …". */
  headline: string
  scope: VerdictScope
  /** Microsoft's gallery requirements, met / not met / not tested. */
  gallery: GalleryChecklist
}

export interface Counts {
  passed: number
  failed: number
  warned: number
  skipped: number
  blocked: number
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
  /** "N causes (M failed checks)": written into report.json next to `causes`. */
  causeSummary?: string
  /** The failed checks grouped by cause, worst first, then the warned ones (helpers/result/causes.ts). */
  causes?: Cause[]
  counts: Counts
  checks: CheckResult[]
  /** Every exchange of the run, in order, with Authorization redacted. */
  exchanges: Exchange[]
  /** Resources the run created and could not delete. */
  leftovers: LeftoverResource[]
  /** Present when --baseline was given. */
  diff?: { baseline: string; newFailures: string[]; fixed: string[]; changed: string[] }
  /** Present when the run is a `diagnose`: renderers show it before the checks. */
  diagnosis?: Diagnosis
  /** What Microsoft's gallery validation would answer for this endpoint, predicted from this run's checks. */
  prediction?: ValidationPrediction
}

/** How one predicted Microsoft test came out, in the suite's words (Microsoft's own string is `result`). */
export type PredictedStatus = 'pass' | 'fail' | 'warning' | 'skipped' | 'not-predictable'

/** One test of Microsoft's validation (a Logic App test or a SCIM Validator test), as this run predicts it. */
export interface PredictedTest {
  /** Microsoft's own test name, e.g. "Create_User_Test". */
  name: string
  /** Logic App: 'mandatory' | 'optional'; SCIM Validator: 'required' | 'preview'. */
  category: 'mandatory' | 'optional' | 'required' | 'preview'
  status: PredictedStatus
  /** The result string Microsoft's tool would print for it ("success", "SKIPPED - …", "FAILED - [Create Phase] …"). */
  result: string
  /** Why, in one sentence: the failing check's finding, Microsoft's skip rule, or what cannot be predicted offline. */
  why: string
  /** The suite's check ids this prediction rests on (a failing one links to its cause and fix). */
  checks: string[]
  /** The part of Microsoft's test no offline run can show (provision on demand, the provisioning logs). */
  offline?: string
}

/** One of Microsoft's tools, predicted: the Logic App validation or the SCIM Validator. */
export interface PredictedTool {
  tool: 'logic-app' | 'scim-validator'
  title: string
  /** Logic App: "Succeeded" | "Failed"; SCIM Validator: "Compliant" | "Not compliant"; or "Not predictable". */
  overall: string
  /** The overall result is the one a submission needs. */
  passes: boolean
  /** Microsoft's documented caveats about reading the overall result, as sentences. */
  caveats: string[]
  tests: PredictedTest[]
  /** The Microsoft-shaped file written next to the reports (Final_TestResults, or the Validator's results). */
  file?: string
}

export interface ValidationPrediction {
  tools: PredictedTool[]
}

/** A likely cause of a quarantine, as `scim-preflight diagnose` ranks it (helpers/diagnose/causes.ts). */
export interface DiagnosisCause {
  title: string
  /** The provisioning-log error code or quarantine reason Entra records for it. */
  code: string
  quarantineReason?: string
  /** What was seen that points at it: log counts, the job's error, what a live probe got back. */
  observations: string[]
  fix: string
  /** The suite's check that reproduces the cause against the endpoint, and the command that runs it. */
  reproduce?: { checkId: string; command: string }
  score: number
}

/** The Graph synchronizationJob given with --job-status, explained. */
export interface DiagnosisJob {
  file: string
  jobId?: string
  statusCode: string
  quarantined: boolean
  reason?: string
  seriesBegan?: string
  nextAttempt?: string
  /** Plain sentences, most important first: reason, error, back-off position, fix, restart. */
  summary: string[]
  restart: { portal: string; graph: { method: 'POST'; path: string; body: unknown }; note: string }
}

/** One error code × action of the provisioning logs, with an example and the check that reproduces it. */
export interface DiagnosisFailureGroup {
  code: string
  action: string
  count: number
  referenceCount: number
  example: { object?: string; errorCode: string; text: string }
  reproduce?: { checkId: string; command: string }
}

/** The provisioning logs given with --logs, aggregated. */
export interface DiagnosisLogs {
  files: { path: string; format: string; entries: number }[]
  events: number
  successes: number
  failures: number
  skipped: number
  referenceFailures: number
  nonReferenceFailures: number
  thresholds: {
    evaluated: boolean
    wouldQuarantine: boolean
    exceeded: string[]
    likelyReason?: string
    nonReferenceShare: number
    sentence: string
  }
  /** Failures by code × action, commonest first (at most 10). */
  failureGroups: DiagnosisFailureGroup[]
}

/** Present on a `diagnose` run: what the job status, the logs and the live probes say, ranked. */
export interface Diagnosis {
  causes: DiagnosisCause[]
  job?: DiagnosisJob
  logs?: DiagnosisLogs
}
