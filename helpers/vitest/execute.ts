// One in-process run of the suite for the library entry points (scim-preflight/vitest and its proofs): target or the
// built-in endpoint, preflight, the selected flows with the vendor's own, cleanup (also on Ctrl-C and SIGTERM), reports.
// No vitest here: index.ts is the only module that imports it.
import type { RunConfig } from '../config/run.ts'
import { resolveProfile } from '../connect/profile-types.ts'
import { loadProfile, matchingAttributeFor } from '../entra/load-profile.ts'
import type { CheckResult, RunResult } from '../model/result.ts'
import { assembleRunResult, groupsJudged, runSettings } from '../result/run-result.ts'
import type { Profile } from '../entra/profile.ts'
import { writeReports } from '../report/write.ts'
import type { CheckInfo } from '../model/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { fullRunSize, runnerOptions, runSuite, type SuiteOutput } from '../suite/run-suite.ts'
import { transportNotices } from '../client/transport-notices.ts'
import { openTarget, type Target } from '../connect/open-target.ts'
import { Lifecycle } from '../connect/lifecycle.ts'
import type { CustomFaultDefinition } from '../custom/define.ts'
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

/** One run of the selected checks: target, preflight, flows, cleanup, reports; Ctrl-C, SIGTERM and --max-time stop it
 * and clean up. */
export async function execute(config: RunConfig, ctx: ExecuteContext): Promise<RunOutcome> {
  const say = (line: string): void => void (ctx.quiet || process.stdout.write(`scim-preflight: ${line}\n`))
  // The run's life as the CLI's, but vitest owns the process: a signal stops the run quietly and never exits.
  const life = new Lifecycle({
    maxTimeMs: config.maxTimeMs,
    stop: (why) => ctx.abort.abort(new Error(why)),
    hosted: true,
  })
  const faults: Fault[] = [
    ...faultsById(config.faults),
    ...(ctx.faults ?? []).flatMap((f) => (typeof f === 'string' ? faultsById([f]) : [f as unknown as Fault])),
  ]
  const profile = loadProfile(config.profile)
  const target = await openTarget(config, {
    embedded: (o) => startServer({ ...o, faults }),
    readOnly: config.readOnly,
    signal: ctx.abort.signal,
  }).catch((err: unknown) => {
    life.dispose()
    throw err
  })
  ctx.onTarget(target)
  try {
    const checked = await target.preflight({ authOnly: true })
    const noCredential = checked.kind === 'auth-only' ? checked.reason : undefined
    const typed = await resolveProfile(target.client, profile)
    const options = runnerOptions(config, profile)
    const reports = config.formats.some((f) => f !== 'console') ? `${config.reportDir}/${life.runId}/` : 'none'
    say(
      `${target.embedded !== undefined ? `no SCIM_BASE_URL set: the built-in reference endpoint at ${target.baseUrl}${faults.length ? ` (faults: ${faults.map((f) => f.id).join(', ')})` : ''} (proves nothing about your server)` : `target ${target.baseUrl}`}`,
    )
    say(
      `run ${life.runId}: resources are named ${life.prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}; reports ${reports}`,
    )
    life.begin()
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      options,
      flows: ctx.flows,
      catalog: ctx.catalog,
      client: target.client,
      profile: typed,
      runPrefix: life.prefix,
      signal: ctx.abort.signal,
      tokens: target.tokens,
      credentialProblem: noCredential,
      onCheck: ctx.observe,
    })
    life.crash ??= suite.crash
    const run = libraryRunResult(config, ctx, { target, profile, suite, life, finishedAt: new Date() })
    const written = await writeReports(run, {
      dir: config.reportDir,
      formats: config.formats,
      githubStepSummary: config.githubStepSummary,
    })
    if (written.length)
      say(`${run.verdict.headline}; reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)
    if (suite.crash) throw new Error(`the run crashed: ${suite.crash}`)
    if (life.signalExit !== undefined)
      throw oneLine(`the run was interrupted (${life.stoppedBy}): what it created was deleted`)
    return { checks: suite.checks }
  } finally {
    life.dispose()
    await target.close()
  }
}

/** The run's result, assembled as the CLI assembles it (helpers/result/run-result.ts), from what a library run knows. */
function libraryRunResult(
  config: RunConfig,
  ctx: ExecuteContext,
  run: { target: Target; profile: Profile; suite: SuiteOutput; life: Lifecycle; finishedAt: Date },
): RunResult {
  const { target, suite, life } = run
  const notices = [
    ...target.notices(),
    ...transportNotices(
      suite.exchanges.filter((e) => !e.retried),
      { retries: config.retries, target: target.baseUrl },
    ),
    ...life.notices(),
    ...life.leftoversNotice(suite.leftovers.length),
  ]
  const cut = config.only.length < Object.keys(ctx.catalog).length ? ['cut by the tests vitest selected'] : []
  return assembleRunResult({
    stamp: life.stamp(target.baseUrl, target.embedded !== undefined, run.finishedAt),
    durationMs: run.finishedAt.getTime() - life.startedAt.getTime(),
    settings: runSettings(config, run.profile.name, matchingAttributeFor(run.profile, config.matchingAttribute)),
    notices,
    checks: suite.checks,
    exchanges: target.exchanges,
    leftovers: suite.leftovers,
    verdict: {
      ...groupsJudged(config),
      oauthTested: target.tokens !== undefined,
      gallery: config.gallery,
      target: { url: target.baseUrl, embedded: target.embedded !== undefined, insecure: config.insecure },
      scope: {
        incomplete: [...cut, ...life.incompleteBecause()],
        total: fullRunSize(ctx.flows, ctx.catalog, config.dialects),
      },
    },
  })
}
