// `scim-preflight run`: the conformance suite against the target, or against the built-in reference endpoint
// when no target is set. Ctrl-C and --max-time stop the run, delete what it created, then exit 130/143.
import { existsSync, readFileSync } from 'node:fs'
import type { RunConfig } from '../helpers/config/run.ts'
import type { CheckInfo } from '../helpers/model/check-info.ts'
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { loadProfile, matchingAttributeFor } from '../helpers/entra/load-profile.ts'
import { resolveProfile } from '../helpers/connect/profile-types.ts'
import type { Profile } from '../helpers/entra/profile.ts'
import type { RunResult } from '../helpers/model/result.ts'
import { terminalWidth } from '../helpers/report/wrap.ts'
import { renderConsole, renderProgressLine } from '../helpers/report/console.ts'
import type { CheckResult } from '../helpers/model/result.ts'
import { GALLERY_RATE } from '../helpers/result/verdict.ts'
import { assembleRunResult, groupsJudged, runSettings } from '../helpers/result/run-result.ts'
import {
  measureBurst,
  probeTls,
  rateFromLoadReport,
  type MeasuredRate,
  type TlsProbe,
} from '../helpers/connect/gallery-probes.ts'
import { applyWaivers, loadWaivers, type Waiver } from '../helpers/result/waivers.ts'
import { writeReports } from '../helpers/report/write.ts'
import { pruneReports, prunedLine } from '../helpers/report/prune.ts'
import { fullRunSize, isSelected, runnerOptions, runSuite, type SuiteOutput } from '../helpers/suite/run-suite.ts'
import { RUNNER_STEPS } from '../helpers/steps/runner-steps.ts'
import { transportNotices } from '../helpers/client/transport-notices.ts'
import { openTarget, type Target } from '../helpers/connect/open-target.ts'
import { catalog as builtInCatalog } from '../specs/catalog.ts'
import { flows as builtInFlows } from '../specs/flows.ts'
import { withCheckFiles } from '../helpers/custom/load.ts'
import { Lifecycle } from '../helpers/connect/lifecycle.ts'
import { predictValidation } from '../helpers/validation/predict.ts'
import { writePredictionFiles } from '../helpers/validation/microsoft-files.ts'

const out = (line: string) => process.stdout.write(`${line}\n`)

/** What the run is made of, read before anything goes on the wire: a mistake in it is a usage error, not a run. */
interface RunPlan {
  flows: readonly FlowDefinition[]
  catalog: Readonly<Record<string, CheckInfo>>
  observe: (r: CheckResult) => void
  profile: Profile
  matchingAttribute: string
  waivers: Waiver[]
  baseline?: RunResult
  loadRate?: MeasuredRate
}

/** What the run found, beside its checks: the suite's output, the gallery checklist's evidence, and when it ended. */
interface RunFindings {
  suite: SuiteOutput
  /** No access token could be had: only the Authentication flow ran, and this says why. */
  noCredential?: string
  rate?: MeasuredRate
  tls: TlsProbe
  finishedAt: Date
}

export async function runCommand(config: RunConfig): Promise<number> {
  const plan = await planRun(config)
  const abort = new AbortController()
  const target = await openRunTarget(config, abort.signal)
  // Signals, --max-time and a crash stop the run the same way: in-flight requests abort, cleanup still runs.
  let begun = false
  const life = new Lifecycle({
    maxTimeMs: config.maxTimeMs,
    catchCrashes: true,
    stop: (why) => abort.abort(new Error(why)),
    created: () => begun,
  })
  try {
    const checked = await target.preflight({ authOnly: true })
    const noCredential = checked.kind === 'auth-only' ? checked.reason : undefined
    if (life.signalExit !== undefined) return life.signalExit
    // Every mapped attribute gets a value of its type, or the run stops here with a usage error (never a silent drop).
    const typedProfile = await resolveProfile(target.client, plan.profile)
    out(
      `Run ${life.runId}: resources are named ${life.prefix}-…; profile ${plan.profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}`,
    )
    life.begin()
    begun = true
    const suite = await runChecks(config, plan, { target, profile: typedProfile, life, noCredential }, abort.signal)
    const evidence = await galleryEvidence(config, plan, target, noCredential, abort.signal)
    const findings: RunFindings = { suite, noCredential, ...evidence, finishedAt: new Date() }
    const waived = applyWaivers(suite.checks, plan.waivers, findings.finishedAt)
    life.crash ??= suite.crash
    const run = runResult(config, plan, target, life, findings, waived)
    await writeRunReports(run, config)
    return exitCode(life, run, config, waived.expired.length > 0)
  } finally {
    life.dispose()
    await target.close()
  }
}

/** The catalog with the vendor's own checks, the profile, waivers, baseline and load report, each checked up front. */
async function planRun(config: RunConfig): Promise<RunPlan> {
  // The vendor's own checks (--checks) run beside the built-in ones, in the same catalog and report.
  const { flows, catalog, observe } = await withCheckFiles(config.checks, process.cwd(), {
    flows: builtInFlows,
    catalog: builtInCatalog,
  })
  if (!Object.keys(catalog).some((id) => isSelected(id, config))) {
    throw new UsageError(
      `--only/--skip select no check: give check ids or globs such as 'create-user/*' or 'update-group-*' (see 'scim-preflight list')`,
    )
  }
  const profile = loadProfile(config.profile)
  const matchingAttribute = matchingAttributeFor(profile, config.matchingAttribute)
  const waivers = config.waivers ? await loadWaivers(config.waivers) : []
  const baseline = config.baseline ? readBaseline(config.baseline) : undefined
  const loadRate = config.loadReport ? rateFromLoadReport(config.loadReport, GALLERY_RATE, config.baseUrl) : undefined
  return { flows, catalog, observe, profile, matchingAttribute, waivers, baseline, loadRate }
}

/** The target (or the built-in endpoint, on its own thread), and the lines that say which and how it is reached. */
async function openRunTarget(config: RunConfig, signal: AbortSignal): Promise<Target> {
  const target = await openTarget(config, {
    // The built-in endpoint runs on its own thread, so its work neither slows the suite nor counts as the suite's.
    // Loaded only without a target: the endpoint and its faults are a sixth of the code a run would parse.
    embedded: async (o) => {
      const [{ startServerThread }, { faultsById }] = await Promise.all([
        import('../server/thread.ts'),
        import('../server/faults/index.ts'),
      ])
      return startServerThread({ ...o, faults: faultsById(config.faults).map((f) => f.id) })
    },
    readOnly: config.readOnly,
    signal,
  })
  out(
    target.embedded !== undefined
      ? `No SCIM_BASE_URL set: running against the built-in reference endpoint at ${target.baseUrl}${config.faults.length ? ` (faults: ${config.faults.join(', ')})` : ''}`
      : `Target: ${target.baseUrl}`,
  )
  const tokens = target.tokens
  if (tokens)
    out(
      `OAuth 2.0 client credentials${tokens.method === 'federation' ? ' with workload identity federation' : ''}: token endpoint ${tokens.settings.tokenUrl}`,
    )
  return target
}

/** The flows, with a live status line on a terminal (erased after: the final output replaces it, never repeats it). */
async function runChecks(
  config: RunConfig,
  plan: RunPlan,
  run: { target: Target; profile: Profile; life: Lifecycle; noCredential?: string },
  signal: AbortSignal,
): Promise<SuiteOutput> {
  const progress = process.stderr.isTTY ? new ProgressLine() : undefined
  const suite = await runSuite({
    steps: RUNNER_STEPS,
    options: runnerOptions(config, plan.profile),
    flows: plan.flows,
    catalog: plan.catalog,
    client: run.target.client,
    profile: run.profile,
    runPrefix: run.life.prefix,
    signal,
    tokens: run.target.tokens,
    credentialProblem: run.noCredential,
    onCheck: (c) => {
      plan.observe(c)
      progress?.update(c)
    },
  })
  progress?.clear()
  return suite
}

/** The gallery checklist's own evidence: the TLS version, and the rate (a load report, or with --gallery a short burst). */
async function galleryEvidence(
  config: RunConfig,
  plan: RunPlan,
  target: Target,
  noCredential: string | undefined,
  signal: AbortSignal,
): Promise<{ rate?: MeasuredRate; tls: TlsProbe }> {
  let rate = plan.loadRate
  if (!rate && config.gallery && !signal.aborted && !noCredential)
    rate = await measureBurst(target.client, plan.matchingAttribute, GALLERY_RATE, signal)
  const tls =
    target.embedded !== undefined
      ? {}
      : await probeTls(target.baseUrl, {
          caFile: config.caFile,
          insecure: config.insecure,
          proxy: config.proxy,
          timeoutMs: config.timeoutMs,
        })
  return { rate, tls }
}

/** The run's result as every report reads it, with Microsoft's validation predicted from it. */
function runResult(
  config: RunConfig,
  plan: RunPlan,
  target: Target,
  life: Lifecycle,
  findings: RunFindings,
  waived: { checks: CheckResult[]; expired: Waiver[] },
): RunResult {
  const embedded = target.embedded !== undefined
  const { tls, noCredential } = findings
  const run = assembleRunResult({
    stamp: life.stamp(target.baseUrl, embedded, findings.finishedAt),
    durationMs: findings.finishedAt.getTime() - life.startedAt.getTime(),
    settings: runSettings(config, plan.profile.name, plan.matchingAttribute),
    notices: runNotices(config, target, life, findings, waived),
    checks: waived.checks,
    exchanges: target.exchanges,
    leftovers: findings.suite.leftovers,
    verdict: {
      ...groupsJudged(config),
      oauthTested: target.tokens !== undefined,
      ...(config.oauth
        ? {
            authMethods: {
              clientSecret: config.oauth.clientSecret !== undefined,
              secondSecret: config.oauth.clientSecret2 !== undefined,
              federation: config.oauth.federation !== undefined,
            },
          }
        : {}),
      gallery: config.gallery,
      rate: findings.rate,
      target: {
        url: target.baseUrl,
        embedded,
        tls: tls.tls,
        tlsNote: tls.note,
        insecure: config.insecure,
        ...(tls.privateCa ? { privateCa: tls.privateCa } : {}),
      },
      scope: {
        incomplete: [...life.incompleteBecause(), ...incompleteBecause(config, noCredential)],
        total: fullRunSize(plan.flows, plan.catalog, config.dialects),
      },
    },
    baseline: plan.baseline,
  })
  run.prediction = predictValidation(
    run.checks,
    {
      groups: groupsJudged(config).groupsTested,
      mappedAttributes: plan.profile.attributes,
      groupAttributes: plan.profile.groupAttributes ?? [],
      oauth: target.tokens !== undefined,
      embedded,
    },
    run.exchanges,
  )
  return run
}

/** What every report says about the run itself, beside its checks: how the target was reached, what was left out,
 * how the run ended. */
function runNotices(
  config: RunConfig,
  target: Target,
  life: Lifecycle,
  { suite, tls, noCredential }: RunFindings,
  waived: { checks: CheckResult[]; expired: Waiver[] },
): string[] {
  const notices: string[] = [...target.notices()]
  if (tls.privateCa)
    notices.push(
      `The TLS certificate is trusted only through ${tls.privateCa.via}; the public roots refuse it (${tls.privateCa.refusal}). Entra trusts only publicly trusted certificates, so it would not connect; this run proves nothing about the certificate.`,
    )
  notices.push(...scopeNotices(config, target, noCredential))
  for (const w of waived.expired)
    notices.push(`Waiver for ${w.id} expired on ${w.expires}: the check counts again (renew or remove the waiver).`)
  notices.push(
    ...transportNotices(
      suite.exchanges.filter((e) => !e.retried),
      { retries: config.retries, target: target.baseUrl },
    ),
  )
  notices.push(...life.notices())
  notices.push(...orphansNotice(waived.checks))
  notices.push(...life.leftoversNotice(suite.leftovers.length))
  return notices
}

/** What the run left out, and what gallery onboarding needs that it did not show. */
function scopeNotices(config: RunConfig, target: Target, noCredential: string | undefined): string[] {
  const notices: string[] = []
  if (!config.groups)
    notices.push('Group flows were skipped (--no-groups): Microsoft requires group provisioning for gallery apps.')
  else if (config.largeGroupMembers === undefined && !config.readOnly)
    notices.push(
      'The 1,000-member group was not built: --large-group 1000 (or --gallery) builds it, with 2,000 requests of setup.',
    )
  if (!target.tokens)
    notices.push(
      'The run authenticated with a long-lived secret token: since 2026 Microsoft onboards gallery SCIM apps only with OAuth 2.0 client credentials (or workload identity federation). Test them with --token-url, --client-id and --client-secret (or --wif-key).',
    )
  if (noCredential) notices.push(`Only the Authentication flow ran: ${noCredential}.`)
  if (config.readOnly) notices.push('Read-only mode: only GET requests were sent, so the write flows were skipped.')
  return notices
}

/** A check blocked by one that did not fail here (not selected, or it passed in its own flow) has no cause in this report. */
function orphansNotice(checks: CheckResult[]): string[] {
  const failing = new Set(
    checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warned' || c.outcome === 'waived').map((c) => c.id),
  )
  const orphans = checks.filter((c) => c.outcome === 'blocked' && c.blockedBy && !failing.has(c.blockedBy))
  return orphans.length
    ? [
        `${orphans.length} check(s) were blocked by checks that did not fail in this run (${[...new Set(orphans.map((c) => c.blockedBy))].join(', ')}): they were not judged, and the verdict does not cover them.`,
      ]
    : []
}

/** Reports first: the console names them, then ends with the verdict and the first fix (where a CI log stops). */
async function writeRunReports(run: RunResult, config: RunConfig): Promise<void> {
  const predicted = config.formats.some((f) => f !== 'console') ? await writePredictionFiles(run, config.reportDir) : []
  const written = await writeReports(run, {
    dir: config.reportDir,
    formats: config.formats,
    githubStepSummary: config.githubStepSummary,
  })
  const reports = [...written, ...predicted].filter((p) => !p.endsWith('latest.txt'))
  if (config.formats.includes('console'))
    out(
      renderConsole(run, {
        color: config.color,
        verbose: config.verbose,
        width: terminalWidth(process.stdout.columns, process.env.COLUMNS),
        reports,
      }),
    )
  else if (reports.length) out(`Reports: ${reports.join(', ')}`)
  const pruned = await pruneReports(config.reportDir, config.keepReports)
  if (pruned.length) out(prunedLine(pruned.length, config.reportDir, config.keepReports))
}

/** 130/143 after a signal, 2 after a crash, 1 when something fails the run (or --max-time stopped it, or no check was
 * judged), else 0. */
function exitCode(life: Lifecycle, run: RunResult, config: RunConfig, waiverExpired: boolean): number {
  if (life.signalExit !== undefined) return life.signalExit
  if (life.crash) return 2
  if (waiverExpired) return 1
  if (config.failOnNew && run.diff) return run.diff.newFailures.length > 0 ? 1 : 0
  const failsRun = run.counts.failed > 0 || run.verdict.gallery.failsRun || life.stoppedBy === 'max-time'
  return failsRun || run.verdict.scope.judged === 0 ? 1 : 0
}

/** Why the verdict may not speak for the whole suite: every way a run ends up judging less than all of it. */
function incompleteBecause(config: RunConfig, noCredential: string | undefined): string[] {
  const why: string[] = []
  if (config.only.length || config.skip.length)
    why.push(
      `cut by ${[...config.only.map((g) => `--only '${g}'`), ...config.skip.map((g) => `--skip '${g}'`)].join(' ')}`,
    )
  if (config.readOnly) why.push('--read-only: only GET requests were sent')
  if (noCredential) why.push('no access token could be had, so only the Authentication flow ran')
  return why
}

/** The live status line on stderr: counts so far and the check that just finished, rewritten in place. */
class ProgressLine {
  private readonly seen: Record<string, number> = {}
  private shown = false
  update(c: CheckResult): void {
    this.seen[c.outcome] = (this.seen[c.outcome] ?? 0) + 1
    const counts = Object.entries(this.seen)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')
    const width = Math.max(40, (process.stderr.columns ?? 100) - 1)
    const line = `${counts} · ${renderProgressLine(c, { color: false })}`
    process.stderr.write(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`)
    this.shown = true
  }
  clear(): void {
    if (this.shown) process.stderr.write('\r\u001b[2K')
    this.shown = false
  }
}

function readBaseline(path: string): RunResult {
  if (!existsSync(path))
    throw new UsageError(`--baseline '${path}' does not exist: give the report.json of an earlier run`)
  try {
    const run = JSON.parse(readFileSync(path, 'utf8')) as RunResult
    if (!Array.isArray(run.checks)) throw new Error('no checks')
    return run
  } catch {
    throw new UsageError(`--baseline '${path}' is not a scim-preflight report.json`)
  }
}
