// The result of `scim-preflight load`, as written to load.json (schema: helpers/report/load.schema.json)
// and read by the console and HTML renderers.
import type { Exchange } from './exchange.ts'
import type { Dialect } from './dialect.ts'
import type { RunStamp } from './result.ts'

export const REQUEST_KINDS = [
  'query',
  'create',
  'manager',
  'group-create',
  'member-add',
  'update',
  'disable',
  'delete',
] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

export interface ThrottleStats {
  responses: number
  withRetryAfter: number
  /** Retry-After values seen, in seconds. */
  retryAfterMinS?: number
  retryAfterMaxS?: number
  /** Pauses the tool took (all sending stopped), and their total length. */
  pauses: number
  pausedMs: number
  /** Retry-After values above the cap that the tool shortened. */
  capped: number
  /** Sends during a pause: zero means Retry-After was honoured. */
  sentDuringPause: number
  retried: number
  gaveUp: number
}

export interface ScheduleStats {
  /** Requests sent later than their scheduled time (open-loop --rate only). */
  late: number
  /** …because --concurrency requests were already in flight. */
  lateByConcurrency: number
  /** …because the tool itself (CPU, event loop) was behind. */
  lateByTool: number
  maxLagMs: number
}

/** Microsoft's gallery requirement: "Support at least 25 requests per second per tenant" (Microsoft's SCIM tutorial; Microsoft's app gallery user-provisioning requirements; the validation checklist, 2.1.3). */
export const GALLERY_RPS = 25

export type LoadVerdictKind = 'meets' | 'fails' | 'inconclusive'

export interface KindSummary {
  kind: RequestKind
  requests: number
  ok: number
  failed: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

export interface PhaseSummary {
  name: string
  requests: number
  durationMs: number
  requestsPerSecond: number
}

export interface LoadResult extends RunStamp {
  $schema?: string
  settings: {
    users: number
    groups: number
    membersPerPatch: number
    incremental: number
    concurrency: number
    /** null: not paced, as fast as `concurrency` in flight allows. */
    rate: number | null
    dialect: Dialect
    profile: string
    matchingAttribute: string
    seed: number
  }
  verdict: { kind: LoadVerdictKind; headline: string; reasons: string[] }
  throughput: {
    /** Requests of the initial and incremental cycles (not cleanup). */
    requests: number
    durationMs: number
    requestsPerSecond: number
    /** The whole run including cleanup. */
    totalRequests: number
    totalDurationMs: number
    /** True when the tool, not the endpoint, set the pace (schedule missed, or its event loop saturated). */
    toolLimited: boolean
    toolNote?: string
  }
  phases: PhaseSummary[]
  kinds: KindSummary[]
  errors: { kind: RequestKind; status: string; count: number }[]
  anomalies: { what: string; count: number }[]
  throttling: ThrottleStats & { honoured: boolean | null }
  schedule: ScheduleStats
  estimate: {
    tenantUsers: number
    tenantGroups: number
    tenantMemberships: number
    requests: number
    requestsPerSecond: number
    /** How long the endpoint needs for those requests at the measured rate. */
    endpointSeconds: number
    /** Microsoft's own range for the initial cycle: 0.01–0.08 minutes per object (Microsoft's 'Check the status of user provisioning'). */
    microsoftMinutes: [number, number]
    text: string
  }
  cleanup: { deleted: number; leftovers: number; leftoverIds: { type: 'User' | 'Group'; id: string }[] }
  /** The process's footprint (with the built-in endpoint's thread when `embedded`): flat memory is a goal (bench/load.ts). */
  process: { peakRssMB: number; cpuSeconds: number; eventLoopUtilization: number }
  timeline: {
    binMs: number
    bins: { startMs: number; requests: number; errors: number; p50Ms: number; p95Ms: number; maxMs: number }[]
  }
  /** Non-empty latency buckets of every request: [from ms, to ms, count]. */
  histogram: [number, number, number][]
  notices: string[]
  /** A few exchanges per kind and per error, Authorization redacted. */
  sample: Exchange[]
}
