// One in-process run of the suite for the library entry points (scim-preflight/vitest and its proofs): target or the
// built-in endpoint, preflight, the selected flows with the vendor's own, cleanup (also on Ctrl-C and SIGTERM), reports.
// No vitest here: index.ts is the only module that imports it.
import type { RunConfig } from '../config/run.ts'
import { resolveProfile } from '../entra/attribute-types.ts'
import { loadProfile, matchingAttributeFor } from '../entra/load-profile.ts'
import { newRunId, runPrefix } from '../entra/test-data.ts'
import type { CheckResult, RunResult, RunStamp } from '../model/result.ts'
import { assembleRunResult, groupsJudged, leftoversNotice, runSettings } from '../result/run-result.ts'
import type { Profile } from '../entra/profile.ts'
import { writeReports } from '../report/write.ts'
import type { CheckInfo } from '../model/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { fullRunSize, runnerOptions, runSuite, type SuiteOutput } from '../suite/run-suite.ts'
import { transportNotices } from '../client/transport-notices.ts'
import { openTarget, type Target } from '../connect/open-target.ts'
import type { CustomFaultDefinition } from '../custom/define.ts'
import { runStamp } from '../model/run-stamp.ts'
import { faultsById } from '../../server/faults/index.ts'
import type { Fault } from '../../server/faults/define-fault.ts'
import { startServer } from '../../server/start.ts'
import { oneLine } from './one-line.ts'
import { RUNNER_STEPS } from '../steps/runner-steps.ts'

export interface RunOutcome {
  checks: CheckResult[]
}

/** What the vitest file handed over: the catalog with the vendor's checks, the built-in endpoint's faults, the hooks. */
export interface ExecuteContext {
  flows: readonly FlowDefinition[]
  catalog: Readonly<Record<string, CheckInfo>>
  observe: (r: CheckResult) => void
  faults?: readonly (string | CustomFaultDefinition)[]
  cwd: string
  abort: AbortController
  onTarget: (t: Target) => void
  quiet?: boolean
}

/** One run of the selected checks: target, preflight, flows, cleanup, reports; Ctrl-C and SIGTERM stop it and clean up. */
export async function execute(config: RunConfig, ctx: ExecuteContext): Promise<RunOutcome> {
  const say = (line: string): void => void (ctx.quiet || process.stdout.write(`scim-preflight: ${line}\n`))
  const interruption = new Interruption(ctx.abort, config.maxTimeMs)
  const faults: Fault[] = [
    ...faultsById(config.faults),
    ...(ctx.faults ?? []).flatMap((f) => (typeof f === 'string' ? faultsById([f]) : [f as unknown as Fault])),
  ]
  const profile = loadProfile(config.profile)
  const target = await openTarget(config, {
    embedded: (o) => startServer({ ...o, faults }),
    readOnly: config.readOnly,
    signal: ctx.abort.signal,
  })
  ctx.onTarget(target)
  try {
    const checked = await target.preflight({ authOnly: true })
    const noCredential = checked.kind === 'auth-only' ? checked.reason : undefined
    const typed = await resolveProfile(target.client, profile)
    const runId = newRunId()
    const prefix = runPrefix(runId)
    const reports = config.formats.some((f) => f !== 'console') ? `${config.reportDir}/${runId}/` : 'none'
    say(
      `${target.embedded !== undefined ? `no SCIM_BASE_URL set: the built-in reference endpoint at ${target.baseUrl}${faults.length ? ` (faults: ${faults.map((f) => f.id).join(', ')})` : ''} (proves nothing about your server)` : `target ${target.baseUrl}`}`,
    )
    say(
      `run ${runId}: resources are named ${prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}; reports ${reports}`,
    )
    const startedAt = new Date()
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      options: runnerOptions(config, profile),
      flows: ctx.flows,
      catalog: ctx.catalog,
      client: target.client,
      profile: typed,
      runPrefix: prefix,
      signal: ctx.abort.signal,
      tokens: target.tokens,
      credentialProblem: noCredential,
      onCheck: ctx.observe,
    })
    const embedded = target.embedded !== undefined
    const stamp = runStamp({
      runId,
      runPrefix: prefix,
      target: target.baseUrl,
      embedded,
      startedAt,
      finishedAt: new Date(),
    })
    const run = libraryRunResult(config, ctx, { target, profile, suite, stamp, stopped: interruption.stopped })
    const written = await writeReports(run, {
      dir: config.reportDir,
      formats: config.formats,
      githubStepSummary: config.githubStepSummary,
    })
    if (written.length)
      say(`${run.verdict.headline}; reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)
    if (suite.crash) throw new Error(`the run crashed: ${suite.crash}`)
    if (interruption.stopped)
      throw oneLine(`the run was interrupted (${interruption.stopped}): what it created was deleted`)
    return { checks: suite.checks }
  } finally {
    interruption.dispose()
    await target.close()
  }
}

/** Ctrl-C, SIGTERM and --max-time abort the run (cleanup still runs); which signal did, if one did. */
class Interruption {
  stopped: string | undefined
  private readonly handlers = { SIGINT: this.onSignal('SIGINT'), SIGTERM: this.onSignal('SIGTERM') }
  private readonly maxTime: NodeJS.Timeout

  constructor(
    private readonly abort: AbortController,
    maxTimeMs: number,
  ) {
    process.on('SIGINT', this.handlers.SIGINT)
    process.on('SIGTERM', this.handlers.SIGTERM)
    this.maxTime = setTimeout(() => abort.abort(new Error(`the run hit --max-time (${maxTimeMs} ms)`)), maxTimeMs)
  }

  dispose(): void {
    clearTimeout(this.maxTime)
    process.off('SIGINT', this.handlers.SIGINT)
    process.off('SIGTERM', this.handlers.SIGTERM)
  }

  private onSignal(signal: string): () => void {
    return () => {
      this.stopped = signal
      this.abort.abort(new Error(`the run was interrupted (${signal})`))
    }
  }
}

/** The run's result, assembled as the CLI assembles it (helpers/result/run-result.ts), from what a library run knows. */
function libraryRunResult(
  config: RunConfig,
  ctx: ExecuteContext,
  run: { target: Target; profile: Profile; suite: SuiteOutput; stamp: RunStamp; stopped?: string },
): RunResult {
  const { target, suite, stopped } = run
  const notices = [
    ...target.notices(),
    ...transportNotices(
      suite.exchanges.filter((e) => !e.retried),
      { retries: config.retries, target: target.baseUrl },
    ),
  ]
  if (stopped) notices.push(`The run was interrupted (${stopped}).`)
  if (suite.crash)
    notices.push(
      `The run crashed (a bug in scim-preflight; please report it): ${suite.crash}. It stopped, and deleted what it had created before writing this report.`,
    )
  notices.push(...leftoversNotice(suite.leftovers, run.stamp.runPrefix))
  const cut = config.only.length < Object.keys(ctx.catalog).length ? ['cut by the tests vitest selected'] : []
  return assembleRunResult({
    stamp: run.stamp,
    durationMs: Date.parse(run.stamp.finishedAt) - Date.parse(run.stamp.startedAt),
    settings: runSettings(config, run.profile.name, matchingAttributeFor(run.profile, config.matchingAttribute)),
    notices,
    checks: suite.checks,
    exchanges: target.exchanges,
    leftovers: suite.leftovers,
    verdict: {
      ...groupsJudged(config),
      oauthTested: target.tokens !== undefined,
      gallery: config.gallery,
      target: { url: target.baseUrl, embedded: run.stamp.embedded, insecure: config.insecure },
      scope: {
        incomplete: [
          ...cut,
          ...(stopped ? [`interrupted (${stopped})`] : []),
          ...(suite.crash ? ['the run crashed'] : []),
        ],
        total: fullRunSize(ctx.flows, ctx.catalog, config.dialects),
      },
    },
  })
}
