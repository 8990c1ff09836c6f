// The verdict every format opens with, and the gallery onboarding line (entra-facts.md §3.3, gallery requirements S12).
import type { CheckResult, Counts, Verdict } from './model.ts'
import { worstCause } from './causes.ts'

export interface VerdictOptions {
  /** True when the run exercised the group flows (a user-only run can't meet gallery requirements). */
  groupsTested: boolean
  /** Requests per second the server sustained, when the run measured it; the gallery asks for 25. */
  rate?: { measured: number; required: 25 }
  /** Whether the run authenticated with OAuth client credentials, the only method gallery onboarding accepts (S12); undefined: not judged. */
  oauthTested?: boolean
}

const SCHEMA_FLOW = 'Schema discovery'
const isGroupFlow = (flow: string): boolean => /\bgroups?\b/i.test(flow)

/** Counts of each outcome. */
export function countOutcomes(checks: readonly CheckResult[]): Counts {
  const n: Counts = { passed: 0, failed: 0, warned: 0, skipped: 0, blocked: 0, waived: 0 }
  for (const c of checks) n[c.outcome]++
  return n
}

// A waived required check still breaks provisioning in Entra; the waiver only stops it failing the run.
const brokenForGallery = (c: CheckResult): boolean =>
  c.outcome === 'failed' || (c.outcome === 'waived' && c.severity === 'required')

function gallery(checks: readonly CheckResult[], opts: VerdictOptions): Verdict['gallery'] {
  const missing: string[] = []
  const met: string[] = []

  const groups = checks.filter((c) => isGroupFlow(c.flow) && c.outcome !== 'skipped')
  if (!opts.groupsTested || groups.length === 0) missing.push('groups not tested')
  else if (groups.some(brokenForGallery)) missing.push('group flows failing')
  else met.push('groups')

  const schema = checks.filter((c) => c.flow === SCHEMA_FLOW && c.outcome !== 'skipped')
  if (schema.length === 0) missing.push('schema discovery not tested')
  else if (schema.some(brokenForGallery)) missing.push('schema discovery failing')
  else met.push('schema discovery')

  if (opts.oauthTested === false) {
    missing.push('OAuth client credentials not tested (a long-lived secret token is no longer onboarded)')
  } else if (opts.oauthTested) {
    // Lifetime and expires_in are gallery rules rated recommended: a warning there still fails the review.
    const auth = checks.filter((c) => c.id.startsWith('authentication/') && c.outcome !== 'skipped')
    if (auth.some((c) => brokenForGallery(c) || c.outcome === 'warned')) missing.push('OAuth client credentials failing')
    else met.push('OAuth client credentials')
  }

  let rateNote = ''
  if (opts.rate) {
    const rps = Math.round(opts.rate.measured * 10) / 10
    if (opts.rate.measured >= opts.rate.required) met.push(`${rps} req/s (≥ ${opts.rate.required} required)`)
    else missing.push(`${rps} req/s, below the ${opts.rate.required} req/s required`)
  } else {
    rateNote = '; rate not measured'
  }

  if (missing.length === 0) {
    return { met: true, text: `Gallery onboarding requirements met: ${met.join(', ')}${rateNote}` }
  }
  return { met: false, text: `Gallery onboarding requirements not met: ${missing.join('; ')}${rateNote}` }
}

/** The three-way verdict; a waived failure does not fail the run but keeps it from being "ready". */
export function computeVerdict(checks: readonly CheckResult[], opts: VerdictOptions): Verdict {
  const firstFailed = checks.find((c) => c.outcome === 'failed' && c.severity === 'required') ?? checks.find((c) => c.outcome === 'failed')
  if (firstFailed) {
    return { kind: 'fails', headline: `Entra provisioning will fail: ${worstCause(checks)?.title ?? firstFailed.flow}`, gallery: gallery(checks, opts) }
  }
  if (checks.some((c) => c.outcome === 'warned' || c.outcome === 'waived')) {
    return { kind: 'warnings', headline: 'Works with Entra, with warnings', gallery: gallery(checks, opts) }
  }
  return { kind: 'ready', headline: 'Ready for Entra', gallery: gallery(checks, opts) }
}
