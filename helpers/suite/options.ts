// What the runner reads of a run's settings: its own small set, so that it depends on no command's configuration.
// The commands build it from theirs (runnerOptions below for `run` and its library twin; diagnose builds its own).
import type { RunConfig } from '../config/run.ts'
import { matchingAttributeFor } from '../entra/load-profile.ts'
import type { Profile } from '../entra/profile.ts'
import type { Dialect } from '../model/dialect.ts'

export interface RunnerOptions {
  /** Entra's PATCH dialects: a per-dialect flow runs once for each; any other flow sends the first. */
  dialects: Dialect[]
  /** Check-id globs selecting what is reported (--only, --skip). */
  only: string[]
  skip: string[]
  /** Flow instances at once; 1 sends one request at a time. */
  concurrency: number
  /** The test data's seed: each flow instance derives its own from it. */
  seed: number
  /** The attribute Entra matches users on, already resolved against the profile. */
  matchingAttribute: string
  /** The levels that fail the run: a failed check below them is a warning. */
  strict: boolean
  gallery: boolean
  /** Only GET requests: write flows are skipped, and nothing is re-sent that writes. */
  readOnly: boolean
  /** The existing user a read-only run queries (--user). */
  user?: string
  /** false: group flows are skipped (--no-groups). */
  groups: boolean
  /** Members of the large-group flow's group; absent: that flow is skipped. */
  largeGroupMembers?: number
}

/** The runner's options of a conformance run: the fields of its configuration the runner and the flows read. */
export function runnerOptions(config: RunConfig, profile: Profile): RunnerOptions {
  return {
    dialects: config.dialects,
    only: config.only,
    skip: config.skip,
    concurrency: config.concurrency,
    seed: config.seed,
    matchingAttribute: matchingAttributeFor(profile, config.matchingAttribute),
    strict: config.strict,
    gallery: config.gallery,
    readOnly: config.readOnly,
    ...(config.user !== undefined ? { user: config.user } : {}),
    groups: config.groups,
    ...(config.largeGroupMembers !== undefined ? { largeGroupMembers: config.largeGroupMembers } : {}),
  }
}
