// `scim-preflight load`: replays an initial Entra cycle against the target (or the built-in reference endpoint),
// then deletes what it created, also on Ctrl-C and --max-time. Exit 0 meets or inconclusive, 1 fails, 2 usage.
import { performance, type EventLoopUtilization } from 'node:perf_hooks'
import type { LoadConfig } from '../helpers/config/load.ts'
import { Cycle, type Phase } from '../helpers/load/cycle.ts'
import { Engine } from '../helpers/load/engine.ts'
import type { LoadResult, PhaseSummary } from '../helpers/model/load-result.ts'
import { Progress } from '../helpers/load/progress.ts'
import { LoadStats } from '../helpers/load/stats.ts'
import { estimate, kindSummaries, phaseSummary, verdict } from '../helpers/load/summarize.ts'
import { WirePool } from '../helpers/load/wire.ts'
import { loadProfile, matchingAttributeFor } from '../helpers/entra/load-profile.ts'
import { renderLoadConsole } from '../helpers/report/load-console.ts'
import { writeLoadReports } from '../helpers/report/load-write.ts'
import { pruneReports, prunedLine } from '../helpers/report/prune.ts'
import { startServerThread } from '../server/thread.ts'
import { openTarget, type Target } from '../helpers/connect/open-target.ts'
import type { Profile } from '../helpers/entra/profile.ts'
import { Lifecycle } from '../helpers/connect/lifecycle.ts'

const LEFTOVER_LIST = 50

const out = (line: string) => process.stdout.write(`${line}\n`)

export interface LoadRun {
  result: LoadResult
  exitCode: number
}

/** The endpoint a run talks to when the caller (a test, the bench) supplies one instead of a target URL. */
interface Endpoint {
  url: string
  token: string
  close(): Promise<void>
}

export async function loadCommand(config: LoadConfig, opts: { server?: Endpoint } = {}): Promise<number> {
  return (await runLoad(config, opts)).exitCode
}

export async function runLoad(config: LoadConfig, opts: { server?: Endpoint } = {}): Promise<LoadRun> {
  const profile = loadProfile(config.profile)
  const matchingAttribute = matchingAttributeFor(profile, config.matchingAttribute)
  const embedded = config.baseUrl === undefined && !opts.server
  // The built-in endpoint runs on its own thread, so its work neither slows nor counts as the tool's.
  const target = await openTarget(opts.server ? { ...config, baseUrl: undefined } : config, {
    embedded: opts.server ? async () => opts.server! : (o) => startServerThread(o),
  })
  out(
    embedded
      ? `No SCIM_BASE_URL set: loading the built-in reference endpoint at ${target.baseUrl}`
      : `Target: ${target.baseUrl}`,
  )
  const wire = openWire(config, target)
  // Signals and --max-time stop the engine; the cleanup phase still runs.
  const life = new Lifecycle({ maxTimeMs: config.maxTimeMs, stop: () => wire.engine.stop() })
  const cycle = new Cycle({
    users: config.users,
    groups: config.groups,
    membersPerPatch: config.membersPerPatch,
    incremental: config.incremental,
    dialect: config.dialect,
    profile,
    matchingAttribute,
    prefix: life.prefix,
    seed: config.seed,
    baseUrl: target.baseUrl,
  })
  const progress = config.progress ? new Progress(wire.stats, cycle, wire.engine) : undefined
  const replay = new Replay(wire, cycle, progress)
  const usage = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage() }
  life.begin()
  try {
    await replayCycle(config, target, life, replay)
  } finally {
    // Cleanup runs even after Ctrl-C or --max-time: the engine is reusable once stopped.
    await cleanUp(replay, life, () => (opts.server ? Promise.resolve() : target.close()))
  }
  const result = loadResult(config, { target, embedded, life, cycle, replay, usage, matchingAttribute, profile })
  await writeLoadOutput(result, config)
  const exitCode =
    life.signalExit !== undefined
      ? life.signalExit
      : result.verdict.kind === 'fails' || result.cleanup.leftovers > 0
        ? 1
        : 0
  return { result, exitCode }
}

/** The fast wire client, its statistics and the engine that paces it; it carries whatever bearer token the target
 * holds now (with OAuth, renewed in the background). */
interface Wire {
  pool: WirePool
  stats: LoadStats
  engine: Engine
  /** When the load started (performance.now()): every duration of the report counts from here. */
  t0: number
}

function openWire(config: LoadConfig, target: Target): Wire {
  const base = new URL(target.baseUrl)
  const pool = new WirePool({ origin: base, connections: config.concurrency, ...target.wire() })
  const t0 = performance.now()
  const stats = new LoadStats(t0, () => target.secrets())
  const engine = new Engine({
    pool,
    basePath: base.pathname.replace(/\/+$/, ''),
    origin: base.origin,
    token: () => target.currentBearer(),
    rate: config.rate,
    concurrency: config.concurrency,
    stats,
  })
  return { pool, stats, engine, t0 }
}

/** The phases run so far, and the requests and time of the initial cycle and of the whole cycle. */
class Replay {
  readonly phases: PhaseSummary[] = []
  initialRequests = 0
  initialMs = 0
  cycleRequests = 0
  cycleMs = 0
  stopRenewing: () => void = () => undefined

  constructor(
    readonly wire: Wire,
    readonly cycle: Cycle,
    readonly progress: Progress | undefined,
  ) {}

  async phase(phase: Phase): Promise<void> {
    const { stats, engine } = this.wire
    const before = stats.requests
    const t = performance.now()
    this.cycle.progress = 0
    this.progress?.phase(phase)
    await engine.run(phase.jobs())
    this.phases.push(phaseSummary(phase.name, stats.requests - before, performance.now() - t))
  }

  /** The initial cycle ends here: the requests sent and the time taken so far. */
  endInitial(): void {
    this.initialRequests = this.wire.stats.requests
    this.initialMs = performance.now() - this.wire.t0
  }

  /** The whole cycle (initial and incremental) ends here. */
  endCycle(): void {
    this.cycleRequests = this.wire.stats.requests
    this.cycleMs = performance.now() - this.wire.t0
  }

  /** A cycle cut short (stopped, or a failed preflight) ends here, the initial and the whole cycle alike. */
  endCutShort(): void {
    this.cycleRequests = this.initialRequests = this.wire.stats.requests
    this.cycleMs = this.initialMs = performance.now() - this.wire.t0
  }
}

/** The preflight, then the initial cycle's phases and the incremental cycle, until done or stopped. */
async function replayCycle(config: LoadConfig, target: Target, life: Lifecycle, replay: Replay): Promise<void> {
  await target.preflight()
  replay.stopRenewing = target.keepTokenFresh()
  out(
    `Run ${life.runId}: resources are named ${life.prefix}-…; ${config.users} users, ${config.groups} groups; dialect ${config.dialect}; ` +
      `${config.rate ? `${config.rate} requests/second (open-loop)` : 'not paced'}, at most ${config.concurrency} in flight; seed ${config.seed}`,
  )
  for (const phase of replay.cycle.initialPhases()) {
    if (life.stoppedBy) break
    await replay.phase(phase)
  }
  replay.endInitial()
  const incremental = replay.cycle.incrementalPhase()
  if (incremental && !life.stoppedBy) await replay.phase(incremental)
  replay.endCycle()
}

/** Deletes what the cycle created, then closes everything; a cycle cut short counts as ending here. */
async function cleanUp(replay: Replay, life: Lifecycle, closeTarget: () => Promise<void>): Promise<void> {
  life.endMaxTime()
  if (!replay.cycleMs) replay.endCutShort()
  const cleanup = replay.cycle.cleanupPhase()
  if (cleanup.total > 0) await replay.phase(cleanup).catch(() => undefined)
  replay.progress?.done()
  replay.stopRenewing()
  replay.wire.engine.close()
  replay.wire.pool.close()
  life.dispose()
  await closeTarget()
}

interface LoadRunParts {
  target: Target
  embedded: boolean
  life: Lifecycle
  cycle: Cycle
  replay: Replay
  usage: { elu: EventLoopUtilization; cpu: NodeJS.CpuUsage }
  matchingAttribute: string
  profile: Profile
}

/** The load report: throughput, latency per kind, errors, throttling, the tool's own limits, and the estimate. */
function loadResult(config: LoadConfig, parts: LoadRunParts): LoadResult {
  const { life, cycle, replay } = parts
  const { stats, t0 } = replay.wire
  const elu = performance.eventLoopUtilization(parts.usage.elu)
  const cpu = process.cpuUsage(parts.usage.cpu)
  const finishedAt = new Date()
  const totalMs = performance.now() - t0
  const rps = replay.cycleMs > 0 ? (replay.cycleRequests * 1000) / replay.cycleMs : 0
  const kinds = kindSummaries(stats)
  const errors = kinds.flatMap((k) =>
    [...stats.kinds.get(k.kind)!.errors].map(([status, count]) => ({ kind: k.kind, status, count })),
  )
  const throttled = stats.throttle.responses
  const s = stats.schedule
  const pace = toolPace(config, stats, rps, elu.utilization)
  const leftovers = [
    ...cycle.groupIds.flatMap((id) => (id ? [{ type: 'Group' as const, id }] : [])),
    ...cycle.userIds.flatMap((id) => (id ? [{ type: 'User' as const, id }] : [])),
  ]
  const notices: string[] = [...parts.target.notices({ direct: true }), ...life.notices()]
  notices.push(...life.leftoversNotice(leftovers.length))
  if (pace.toolNote) notices.push(pace.toolNote)
  return {
    ...life.stamp(parts.target.baseUrl, parts.embedded, finishedAt),
    settings: loadSettings(config, parts.profile.name, parts.matchingAttribute),
    verdict: verdict({
      rps,
      rate: config.rate ?? null,
      concurrency: config.concurrency,
      failures: stats.failures - failuresOf(stats, 'delete'),
      throttled,
      toolLimited: pace.toolLimited,
      stoppedBy: life.stoppedBy,
      errorsText: errorsText(errors),
      embedded: parts.embedded,
    }),
    throughput: {
      requests: replay.cycleRequests,
      durationMs: Math.round(replay.cycleMs),
      requestsPerSecond: Math.round(rps * 10) / 10,
      totalRequests: stats.requests,
      totalDurationMs: Math.round(totalMs),
      toolLimited: pace.toolLimited,
      ...(pace.toolNote ? { toolNote: pace.toolNote } : {}),
    },
    phases: replay.phases,
    kinds,
    errors,
    anomalies: [...cycle.anomalies].map(([what, count]) => ({ what, count })),
    throttling: {
      ...stats.throttle,
      honoured: throttled === 0 ? null : stats.throttle.sentDuringPause === 0 && stats.throttle.capped === 0,
    },
    schedule: { ...s, maxLagMs: Math.round(s.maxLagMs) },
    estimate: estimate({
      users: config.users,
      groups: config.groups,
      initialRequests: replay.initialRequests,
      initialRps: replay.initialMs > 0 ? (replay.initialRequests * 1000) / replay.initialMs : 0,
      tenantUsers: config.tenantSize,
    }),
    cleanup: {
      deleted: stats.kinds.get('delete')!.ok,
      leftovers: leftovers.length,
      leftoverIds: leftovers.slice(0, LEFTOVER_LIST),
    },
    process: processUsage(elu, cpu),
    timeline: timelineOf(stats),
    histogram: stats.all.buckets().map(([lo, hi, n]) => [lo / 1000, hi / 1000, n]),
    notices,
    sample: stats.sample,
  }
}

/** The settings of the load, as its report states them. */
function loadSettings(config: LoadConfig, profile: string, matchingAttribute: string): LoadResult['settings'] {
  return {
    users: config.users,
    groups: config.groups,
    membersPerPatch: config.membersPerPatch,
    incremental: config.incremental,
    concurrency: config.concurrency,
    rate: config.rate ?? null,
    dialect: config.dialect,
    profile,
    matchingAttribute,
    seed: config.seed,
  }
}

/** What the tool's own process used: memory, CPU and how busy its event loop was. */
function processUsage(elu: EventLoopUtilization, cpu: NodeJS.CpuUsage): LoadResult['process'] {
  return {
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    eventLoopUtilization: Math.round(elu.utilization * 100) / 100,
  }
}

/** Whether the tool, not the endpoint, set the pace: it missed its schedule for more than 1% of requests, or its event
 * loop was saturated; and what to do about it. */
function toolPace(
  config: LoadConfig,
  stats: LoadStats,
  rps: number,
  utilization: number,
): { toolLimited: boolean; toolNote?: string } {
  const s = stats.schedule
  const missed = config.rate !== undefined && rps < config.rate * 0.95 && s.late > stats.requests * 0.01
  const saturated = utilization > 0.95
  const toolLimited = missed || (saturated && config.rate === undefined)
  if (!toolLimited) return { toolLimited }
  return {
    toolLimited,
    toolNote:
      missed && s.lateByConcurrency >= s.lateByTool
        ? `${s.late} requests went out late because ${config.concurrency} were already in flight: raise --concurrency to reach --rate ${config.rate}.`
        : `The tool could not keep up: its event loop was busy ${Math.round(utilization * 100)}% of the time${missed ? ` and ${s.late} requests went out late (at most ${Math.round(s.maxLagMs)} ms)` : ''}. This is the machine running scim-preflight, not the endpoint.`,
  }
}

/** The failed answers in words for the verdict (throttling is reported on its own). */
function errorsText(errors: LoadResult['errors']): string {
  return errors
    .filter((e) => e.status !== '429')
    .map((e) => `${e.count}× ${e.kind} answered ${e.status === 'network' ? 'no HTTP response' : e.status}`)
    .join(', ')
}

function timelineOf(stats: LoadStats): LoadResult['timeline'] {
  return {
    binMs: stats.timeline.binWidthMs,
    bins: stats.timeline.snapshot().map((b) => ({
      startMs: b.startMs,
      requests: b.requests,
      errors: b.errors,
      p50Ms: b.p50Us / 1000,
      p95Ms: b.p95Us / 1000,
      maxMs: b.maxUs / 1000,
    })),
  }
}

async function writeLoadOutput(result: LoadResult, config: LoadConfig): Promise<void> {
  if (config.formats.includes('console')) out(renderLoadConsole(result, { color: config.color }))
  const written = await writeLoadReports(result, { dir: config.reportDir, formats: config.formats })
  if (written.length) out(`Reports: ${written.join(', ')}`)
  const pruned = await pruneReports(config.reportDir, config.keepReports)
  if (pruned.length) out(prunedLine(pruned.length, config.reportDir, config.keepReports))
}

function failuresOf(stats: LoadStats, kind: 'delete'): number {
  const k = stats.kinds.get(kind)!
  return k.hist.count - k.ok
}
