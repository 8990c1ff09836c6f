// `scim-preflight load`: replays an initial Entra cycle against the target (or the built-in reference endpoint),
// then deletes what it created, also on Ctrl-C and --max-time. Exit 0 meets or inconclusive, 1 fails, 2 usage.
import { performance } from 'node:perf_hooks'
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
import { openTarget } from '../helpers/connect/open-target.ts'
import { Lifecycle } from './lifecycle.ts'

const LEFTOVER_LIST = 50

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
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const profile = loadProfile(config.profile)
  const matchingAttribute = matchingAttributeFor(profile, config.matchingAttribute)
  const embedded = config.baseUrl === undefined && !opts.server
  // The built-in endpoint runs on its own thread, so its work neither slows nor counts as the tool's.
  const target = await openTarget(opts.server ? { ...config, baseUrl: undefined } : config, {
    embedded: opts.server ? async () => opts.server! : (o) => startServerThread(o),
  })
  const baseUrl = target.baseUrl
  const base = new URL(baseUrl)
  const basePath = base.pathname.replace(/\/+$/, '')
  out(embedded ? `No SCIM_BASE_URL set: loading the built-in reference endpoint at ${baseUrl}` : `Target: ${baseUrl}`)

  const pool = new WirePool({ origin: base, connections: config.concurrency, ...target.wire() })
  const t0 = performance.now()
  const stats = new LoadStats(t0, () => target.secrets())
  // The fast wire client carries whatever bearer token the target holds now (with OAuth, renewed in the background).
  const engine = new Engine({
    pool,
    basePath,
    origin: base.origin,
    token: () => target.currentBearer(),
    rate: config.rate,
    concurrency: config.concurrency,
    stats,
  })
  let stopRenewing = () => undefined as void

  // Signals and --max-time stop the engine; the cleanup phase still runs.
  const life = new Lifecycle({ maxTimeMs: config.maxTimeMs, stop: () => engine.stop() })
  const { runId, prefix } = life

  const cycle = new Cycle({
    users: config.users,
    groups: config.groups,
    membersPerPatch: config.membersPerPatch,
    incremental: config.incremental,
    dialect: config.dialect,
    profile,
    matchingAttribute,
    prefix,
    seed: config.seed,
    baseUrl,
  })
  const progress = config.progress ? new Progress(stats, cycle, engine) : undefined
  const phases: PhaseSummary[] = []
  const elu0 = performance.eventLoopUtilization()
  const cpu0 = process.cpuUsage()
  life.begin()
  let cycleMs = 0
  let cycleRequests: number
  let initialRequests: number
  let initialMs: number

  const runPhase = async (phase: Phase): Promise<void> => {
    const before = stats.requests
    const t = performance.now()
    cycle.progress = 0
    progress?.phase(phase)
    await engine.run(phase.jobs())
    phases.push(phaseSummary(phase.name, stats.requests - before, performance.now() - t))
  }

  try {
    await target.preflight()
    stopRenewing = target.keepTokenFresh()
    out(
      `Run ${runId}: resources are named ${prefix}-…; ${config.users} users, ${config.groups} groups; dialect ${config.dialect}; ` +
        `${config.rate ? `${config.rate} requests/second (open-loop)` : 'not paced'}, at most ${config.concurrency} in flight; seed ${config.seed}`,
    )
    for (const phase of cycle.initialPhases()) {
      if (life.stoppedBy) break
      await runPhase(phase)
    }
    initialRequests = stats.requests
    initialMs = performance.now() - t0
    const incremental = cycle.incrementalPhase()
    if (incremental && !life.stoppedBy) await runPhase(incremental)
    cycleRequests = stats.requests
    cycleMs = performance.now() - t0
  } finally {
    // Cleanup runs even after Ctrl-C or --max-time: the engine is reusable once stopped.
    life.endMaxTime()
    if (!cycleMs) {
      cycleRequests = initialRequests = stats.requests
      cycleMs = initialMs = performance.now() - t0
    }
    const cleanup = cycle.cleanupPhase()
    if (cleanup.total > 0) await runPhase(cleanup).catch(() => undefined)
    progress?.done()
    stopRenewing()
    engine.close()
    pool.close()
    life.dispose()
    if (!opts.server) await target.close()
  }

  const elu = performance.eventLoopUtilization(elu0)
  const cpu = process.cpuUsage(cpu0)
  const finishedAt = new Date()
  const totalMs = performance.now() - t0
  const rps = cycleMs > 0 ? (cycleRequests * 1000) / cycleMs : 0
  const kinds = kindSummaries(stats)
  const errors = kinds.flatMap((k) =>
    [...stats.kinds.get(k.kind)!.errors].map(([status, count]) => ({ kind: k.kind, status, count })),
  )
  const throttled = stats.throttle.responses
  const s = stats.schedule
  // The tool set the pace when it missed its schedule for more than 1% of requests, or its event loop was saturated.
  const missed = config.rate !== undefined && rps < config.rate * 0.95 && s.late > stats.requests * 0.01
  const saturated = elu.utilization > 0.95
  const toolLimited = missed || (saturated && config.rate === undefined)
  const toolNote = !toolLimited
    ? undefined
    : missed && s.lateByConcurrency >= s.lateByTool
      ? `${s.late} requests went out late because ${config.concurrency} were already in flight: raise --concurrency to reach --rate ${config.rate}.`
      : `The tool could not keep up: its event loop was busy ${Math.round(elu.utilization * 100)}% of the time${missed ? ` and ${s.late} requests went out late (at most ${Math.round(s.maxLagMs)} ms)` : ''}. This is the machine running scim-preflight, not the endpoint.`
  const leftovers = [
    ...cycle.groupIds.flatMap((id) => (id ? [{ type: 'Group' as const, id }] : [])),
    ...cycle.userIds.flatMap((id) => (id ? [{ type: 'User' as const, id }] : [])),
  ]
  const notices: string[] = []
  notices.push(...target.notices({ direct: true }))
  notices.push(...life.notices())
  if (leftovers.length)
    notices.push(`${leftovers.length} resource(s) this run created could not be deleted (prefix ${prefix}).`)
  if (toolNote) notices.push(toolNote)
  const errorsText = errors
    .filter((e) => e.status !== '429')
    .map((e) => `${e.count}× ${e.kind} answered ${e.status === 'network' ? 'no HTTP response' : e.status}`)
    .join(', ')

  const result: LoadResult = {
    ...life.stamp(baseUrl, embedded, finishedAt),
    settings: {
      users: config.users,
      groups: config.groups,
      membersPerPatch: config.membersPerPatch,
      incremental: config.incremental,
      concurrency: config.concurrency,
      rate: config.rate ?? null,
      dialect: config.dialect,
      profile: profile.name,
      matchingAttribute,
      seed: config.seed,
    },
    verdict: verdict({
      rps,
      rate: config.rate ?? null,
      concurrency: config.concurrency,
      failures: stats.failures - failuresOf(stats, 'delete'),
      throttled,
      toolLimited,
      stoppedBy: life.stoppedBy,
      errorsText,
      embedded,
    }),
    throughput: {
      requests: cycleRequests,
      durationMs: Math.round(cycleMs),
      requestsPerSecond: Math.round(rps * 10) / 10,
      totalRequests: stats.requests,
      totalDurationMs: Math.round(totalMs),
      toolLimited,
      ...(toolNote ? { toolNote } : {}),
    },
    phases,
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
      initialRequests,
      initialRps: initialMs > 0 ? (initialRequests * 1000) / initialMs : 0,
      tenantUsers: config.tenantSize,
    }),
    cleanup: {
      deleted: stats.kinds.get('delete')!.ok,
      leftovers: leftovers.length,
      leftoverIds: leftovers.slice(0, LEFTOVER_LIST),
    },
    process: {
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      eventLoopUtilization: Math.round(elu.utilization * 100) / 100,
    },
    timeline: {
      binMs: stats.timeline.binWidthMs,
      bins: stats.timeline.snapshot().map((b) => ({
        startMs: b.startMs,
        requests: b.requests,
        errors: b.errors,
        p50Ms: b.p50Us / 1000,
        p95Ms: b.p95Us / 1000,
        maxMs: b.maxUs / 1000,
      })),
    },
    histogram: stats.all.buckets().map(([lo, hi, n]) => [lo / 1000, hi / 1000, n]),
    notices,
    sample: stats.sample,
  }

  if (config.formats.includes('console')) out(renderLoadConsole(result, { color: config.color }))
  const written = await writeLoadReports(result, { dir: config.reportDir, formats: config.formats })
  if (written.length) out(`Reports: ${written.join(', ')}`)
  const pruned = await pruneReports(config.reportDir, config.keepReports)
  if (pruned.length) out(prunedLine(pruned.length, config.reportDir, config.keepReports))
  const exitCode =
    life.signalExit !== undefined ? life.signalExit : result.verdict.kind === 'fails' || leftovers.length > 0 ? 1 : 0
  return { result, exitCode }
}

function failuresOf(stats: LoadStats, kind: 'delete'): number {
  const k = stats.kinds.get(kind)!
  return k.hist.count - k.ok
}
