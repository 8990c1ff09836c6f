// The result of a conformance run as every report reads it, assembled in one place for the commands that run the suite
// (`scim-preflight run` and the vitest entry): the run's header and settings, the verdict, the causes, the counts, the
// checks, the whole wire, the leftovers, and the comparison with a baseline.
import type { RunConfig } from '../config/run.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, LeftoverResource, RunInfo, RunResult, RunStamp } from '../model/result.ts'
import { groupCauses } from './causes.ts'
import { diffRuns } from './diff.ts'
import { computeVerdict, countOutcomes, type VerdictOptions } from './verdict.ts'

/** The settings of a run its report states (what a reader needs to reproduce it). */
export type RunSettings = Omit<RunInfo, keyof RunStamp | 'durationMs' | 'notices'>

export function runSettings(config: RunConfig, profile: string, matchingAttribute: string): RunSettings {
  return {
    dialects: config.dialects,
    profile,
    matchingAttribute,
    seed: config.seed,
    strict: config.strict,
    gallery: config.gallery,
    readOnly: config.readOnly,
    concurrency: config.concurrency,
  }
}

/** What the verdict knows of a run's groups: tested, or turned off by the vendor (--no-groups). */
export function groupsJudged(config: Pick<RunConfig, 'groups' | 'readOnly'>): {
  groupsTested: boolean
  groupsDisabled: boolean
} {
  return { groupsTested: config.groups && !config.readOnly, groupsDisabled: !config.groups }
}

export interface RunParts {
  stamp: RunStamp
  durationMs: number
  settings: RunSettings
  notices: string[]
  /** The checks as reported (after waivers). */
  checks: CheckResult[]
  /** Everything the run put on the wire (token requests, probes, setup and cleanup too), in any order. */
  exchanges: readonly Exchange[]
  leftovers: LeftoverResource[]
  verdict: VerdictOptions
  /** An earlier run's report (--baseline): the result then says what changed. */
  baseline?: RunResult
}

export function assembleRunResult(parts: RunParts): RunResult {
  const run: RunResult = {
    run: { ...parts.stamp, durationMs: parts.durationMs, ...parts.settings, notices: parts.notices },
    verdict: computeVerdict(parts.checks, parts.verdict),
    causes: groupCauses(parts.checks, parts.exchanges),
    counts: countOutcomes(parts.checks),
    checks: parts.checks,
    // The target recorded everything the run sent: token requests, probes, setup and cleanup too (the HAR is the wire).
    exchanges: [...parts.exchanges].sort((a, b) => a.seq - b.seq),
    leftovers: parts.leftovers,
  }
  if (parts.baseline) run.diff = diffRuns(run, parts.baseline)
  return run
}
