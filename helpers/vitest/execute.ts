// One in-process run of the suite for the library entry points (scim-preflight/vitest and its proofs): target or the
// built-in endpoint, preflight, the selected flows with the vendor's own, cleanup (also on Ctrl-C and SIGTERM), reports.
// No vitest here: index.ts is the only module that imports it.
import type { RunConfig } from '../config/run.ts'
import { resolveProfile } from '../connect/profile-types.ts'
import { loadProfile, matchingAttributeFor } from '../entra/load-profile.ts'
import { newRunId, runPrefix } from '../entra/test-data.ts'
import { groupCauses } from '../result/causes.ts'
import type { CheckResult, RunResult } from '../model/result.ts'
import { computeVerdict, countOutcomes } from '../result/verdict.ts'
import { writeReports } from '../report/write.ts'
import type { CheckInfo } from '../model/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { checksOf, flowInstances, runSuite } from '../suite/run-suite.ts'
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

/** One run of the selected checks: target, preflight, flows, cleanup, reports; Ctrl-C and SIGTERM stop it and clean up. */
export async function execute(
  config: RunConfig,
  ctx: {
    flows: readonly FlowDefinition[]
    catalog: Readonly<Record<string, CheckInfo>>
    observe: (r: CheckResult) => void
    faults?: readonly (string | CustomFaultDefinition)[]
    cwd: string
    abort: AbortController
    onTarget: (t: Target) => void
    quiet?: boolean
  },
): Promise<RunOutcome> {
  const { abort } = ctx
  const say = (line: string): void => void (ctx.quiet || process.stdout.write(`scim-preflight: ${line}\n`))
  let stopped: string | undefined
  const onSignal = (signal: string) => (): void => {
    stopped = signal
    abort.abort(new Error(`the run was interrupted (${signal})`))
  }
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') }
  process.on('SIGINT', handlers.SIGINT)
  process.on('SIGTERM', handlers.SIGTERM)
  const maxTime = setTimeout(
    () => abort.abort(new Error(`the run hit --max-time (${config.maxTimeMs} ms)`)),
    config.maxTimeMs,
  )
  const faults: Fault[] = [
    ...faultsById(config.faults),
    ...(ctx.faults ?? []).flatMap((f) => (typeof f === 'string' ? faultsById([f]) : [f as unknown as Fault])),
  ]
  const profile = loadProfile(config.profile)
  const target = await openTarget(config, {
    embedded: (o) => startServer({ ...o, faults }),
    readOnly: config.readOnly,
    signal: abort.signal,
  })
  ctx.onTarget(target)
  try {
    const embedded = target.embedded !== undefined
    const checked = await target.preflight({ authOnly: true })
    const noCredential = checked.kind === 'auth-only' ? checked.reason : undefined
    const typed = await resolveProfile(target.client, profile)
    const runId = newRunId()
    const prefix = runPrefix(runId)
    const reports = config.formats.some((f) => f !== 'console') ? `${config.reportDir}/${runId}/` : 'none'
    say(
      `${embedded ? `no SCIM_BASE_URL set: the built-in reference endpoint at ${target.baseUrl}${faults.length ? ` (faults: ${faults.map((f) => f.id).join(', ')})` : ''} (proves nothing about your server)` : `target ${target.baseUrl}`}`,
    )
    say(
      `run ${runId}: resources are named ${prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}; reports ${reports}`,
    )
    const startedAt = new Date()
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      config,
      flows: ctx.flows,
      catalog: ctx.catalog,
      client: target.client,
      profile: typed,
      runPrefix: prefix,
      signal: abort.signal,
      tokens: target.tokens,
      credentialProblem: noCredential,
      onCheck: ctx.observe,
    })
    const finishedAt = new Date()
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
    if (suite.leftovers.length)
      notices.push(
        `${suite.leftovers.length} resource(s) this run created could not be deleted: see leftovers (remove them later with: scim-preflight cleanup --run ${prefix}).`,
      )
    const total = flowInstances(ctx.flows, config.dialects).reduce(
      (n, { flow }) => n + checksOf(flow, ctx.catalog).length,
      0,
    )
    const cut = config.only.length < Object.keys(ctx.catalog).length ? ['cut by the tests vitest selected'] : []
    const run: RunResult = {
      run: {
        ...runStamp({ runId, runPrefix: prefix, target: target.baseUrl, embedded, startedAt, finishedAt }),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        dialects: config.dialects,
        profile: profile.name,
        matchingAttribute: matchingAttributeFor(profile, config.matchingAttribute),
        seed: config.seed,
        strict: config.strict,
        gallery: config.gallery,
        readOnly: config.readOnly,
        concurrency: config.concurrency,
        notices,
      },
      verdict: computeVerdict(suite.checks, {
        groupsTested: config.groups && !config.readOnly,
        groupsDisabled: !config.groups,
        oauthTested: target.tokens !== undefined,
        gallery: config.gallery,
        target: { url: target.baseUrl, embedded, insecure: config.insecure },
        scope: {
          incomplete: [
            ...cut,
            ...(stopped ? [`interrupted (${stopped})`] : []),
            ...(suite.crash ? ['the run crashed'] : []),
          ],
          total,
        },
      }),
      causes: groupCauses(suite.checks, target.exchanges),
      counts: countOutcomes(suite.checks),
      checks: suite.checks,
      exchanges: [...target.exchanges].sort((a, b) => a.seq - b.seq),
      leftovers: suite.leftovers,
    }
    const written = await writeReports(run, {
      dir: config.reportDir,
      formats: config.formats,
      githubStepSummary: config.githubStepSummary,
    })
    if (written.length)
      say(`${run.verdict.headline}; reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)
    if (suite.crash) throw new Error(`the run crashed: ${suite.crash}`)
    if (stopped) throw oneLine(`the run was interrupted (${stopped}): what it created was deleted`)
    return { checks: suite.checks }
  } finally {
    clearTimeout(maxTime)
    process.off('SIGINT', handlers.SIGINT)
    process.off('SIGTERM', handlers.SIGTERM)
    await target.close()
  }
}
