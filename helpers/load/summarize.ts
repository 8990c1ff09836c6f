// Turns a load run's aggregates into the verdict against the 25 requests/second requirement and the
// initial-cycle estimate (Microsoft's SCIM tutorial, throughput requirement; Microsoft's 'Check the status of user provisioning', cycle timing).
import {
  GALLERY_RPS,
  type KindSummary,
  type LoadResult,
  type LoadVerdictKind,
  type PhaseSummary,
} from '../model/load-result.ts'
import type { LoadStats } from './stats.ts'
import { REQUEST_KINDS } from '../model/load-result.ts'

const ms = (us: number): number => Math.round(us / 10) / 100
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

export function kindSummaries(stats: LoadStats): KindSummary[] {
  return REQUEST_KINDS.map((kind) => {
    const k = stats.kinds.get(kind)!
    const h = k.hist
    return {
      kind,
      requests: h.count,
      ok: k.ok,
      failed: h.count - k.ok,
      p50Ms: ms(h.percentile(0.5)),
      p95Ms: ms(h.percentile(0.95)),
      p99Ms: ms(h.percentile(0.99)),
      maxMs: ms(h.maxUs),
      meanMs: h.count ? ms(h.sumUs / h.count) : 0,
    }
  }).filter((k) => k.requests > 0)
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${round(seconds)} s`
  if (seconds < 5400) return `${round(seconds / 60)} min`
  if (seconds < 2 * 86400) return `${round(seconds / 3600)} h`
  return `${round(seconds / 86400)} days`
}

/** How long an initial cycle for a tenant of `tenantUsers` would take, scaled from this run's request mix. */
export function estimate(o: {
  users: number
  groups: number
  initialRequests: number
  initialRps: number
  tenantUsers: number
}): LoadResult['estimate'] {
  const tenantGroups = Math.round((o.groups * o.tenantUsers) / o.users)
  const tenantMemberships = o.groups > 0 ? o.tenantUsers : 0
  const requests = Math.round((o.initialRequests * o.tenantUsers) / o.users)
  const endpointSeconds = o.initialRps > 0 ? requests / o.initialRps : Infinity
  const objects = o.tenantUsers + tenantGroups + tenantMemberships
  const microsoftMinutes: [number, number] = [round(objects * 0.01, 2), round(objects * 0.08, 2)]
  const msText = `${formatDuration(microsoftMinutes[0] * 60)} to ${formatDuration(microsoftMinutes[1] * 60)}`
  const text =
    `A tenant of ${o.tenantUsers.toLocaleString('en-US')} users${tenantGroups ? ` and ${tenantGroups.toLocaleString('en-US')} groups` : ''} means about ${requests.toLocaleString('en-US')} requests in the initial cycle: ` +
    (Number.isFinite(endpointSeconds)
      ? `${formatDuration(endpointSeconds)} at the ${round(o.initialRps)} requests/second measured here. `
      : 'no rate was measured. ') +
    `Microsoft estimates the initial cycle at ${msText} for that many users, groups and memberships (0.01-0.08 min each, per Microsoft's 'Check the status of user provisioning')` +
    (Number.isFinite(endpointSeconds) && endpointSeconds > microsoftMinutes[0] * 60
      ? ', so the endpoint, not Entra, may set the pace.'
      : ', so Entra, not the endpoint, sets the pace.')
  return {
    tenantUsers: o.tenantUsers,
    tenantGroups,
    tenantMemberships,
    requests,
    requestsPerSecond: round(o.initialRps),
    endpointSeconds: round(endpointSeconds),
    microsoftMinutes,
    text,
  }
}

export interface VerdictInput {
  rps: number
  rate: number | null
  concurrency: number
  failures: number
  throttled: number
  toolLimited: boolean
  stoppedBy?: string
  errorsText: string
  /** The built-in reference endpoint: its rate says nothing about the vendor's server, so it is never "meets". */
  embedded?: boolean
}

export function verdict(v: VerdictInput): LoadResult['verdict'] {
  const reasons: string[] = []
  let kind: LoadVerdictKind
  let headline: string
  const rps = round(v.rps)
  if (v.stoppedBy) {
    kind = 'inconclusive'
    headline = `Inconclusive: the run was stopped (${v.stoppedBy}) before the cycle finished`
  } else if (v.failures > v.throttled) {
    kind = 'fails'
    headline = `Entra would log failures: ${v.failures - v.throttled} request(s) of the cycle failed`
    reasons.push(v.errorsText)
  } else if (v.embedded) {
    kind = 'inconclusive'
    headline = `Built-in reference endpoint: ${rps} requests/second, a demonstration of the tool, not a measurement of your server`
    reasons.push(
      'Set SCIM_BASE_URL and SCIM_TOKEN (or pass --url and --token) to measure your endpoint against the gallery requirement.',
    )
  } else if (rps >= GALLERY_RPS) {
    kind = 'meets'
    headline = `Meets the gallery requirement: ${rps} requests/second (at least ${GALLERY_RPS})`
  } else if (v.rate !== null && v.rate < GALLERY_RPS) {
    kind = 'inconclusive'
    headline = `Inconclusive: --rate ${v.rate} is below ${GALLERY_RPS} requests/second, so the requirement was not tested`
  } else if (v.toolLimited) {
    kind = 'inconclusive'
    headline = `Inconclusive: the tool could not keep up (${rps} requests/second), so the endpoint's limit was not reached`
  } else {
    kind = 'fails'
    headline = `Below the gallery requirement: ${rps} requests/second with ${v.concurrency} in flight (Microsoft asks for ${GALLERY_RPS})`
  }
  if (v.throttled > 0) {
    reasons.push(
      `The endpoint answered ${v.throttled} request(s) with 429 Too Many Requests. Entra logs TooManyRequests and retries; gallery apps can have their rate limits respected, non-gallery jobs are not throttled by Entra (Microsoft Q&A 1233453).`,
    )
  }
  return { kind, headline, reasons }
}

export function phaseSummary(name: string, requests: number, durationMs: number): PhaseSummary {
  return {
    name,
    requests,
    durationMs: Math.round(durationMs),
    requestsPerSecond: durationMs > 0 ? round((requests * 1000) / durationMs) : 0,
  }
}
