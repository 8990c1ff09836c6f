// `scim-preflight run`: the conformance suite against the target, or against the built-in reference endpoint
// when no target is set. Ctrl-C and --max-time stop the run, delete what it created, then exit 130/143.
import { existsSync, readFileSync } from 'node:fs'
import type { RunConfig } from '../helpers/config/run.ts'
import type { CheckInfo } from '../helpers/model/check-info.ts'
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { loadProfile, matchingAttributeFor } from '../helpers/entra/load-profile.ts'
import { resolveProfile } from '../helpers/connect/profile-types.ts'
import type { RunResult } from '../helpers/model/result.ts'
import { terminalWidth } from '../helpers/report/wrap.ts'
import { renderConsole, renderProgressLine } from '../helpers/report/console.ts'
import { groupCauses } from '../helpers/result/causes.ts'
import type { CheckResult } from '../helpers/model/result.ts'
import { diffRuns } from '../helpers/result/diff.ts'
import { computeVerdict, countOutcomes, GALLERY_RATE } from '../helpers/result/verdict.ts'
import { measureBurst, probeTls, rateFromLoadReport, type MeasuredRate } from '../helpers/connect/gallery-probes.ts'
import { applyWaivers, loadWaivers } from '../helpers/result/waivers.ts'
import { writeReports } from '../helpers/report/write.ts'
import { pruneReports, prunedLine } from '../helpers/report/prune.ts'
import { checksOf, flowInstances, isSelected, runSuite } from '../helpers/suite/run-suite.ts'
import { RUNNER_STEPS } from '../helpers/steps/runner-steps.ts'
import { transportNotices } from '../helpers/client/transport-notices.ts'
import { openTarget } from '../helpers/connect/open-target.ts'
import { catalog as builtInCatalog } from '../specs/catalog.ts'
import { flows as builtInFlows } from '../specs/flows.ts'
import { withCheckFiles } from '../helpers/custom/load.ts'
import { faultsById } from '../server/faults/index.ts'
import { startServerThread } from '../server/thread.ts'
import { Lifecycle } from './lifecycle.ts'
import { predictValidation } from '../helpers/validation/predict.ts'
import { writePredictionFiles } from '../helpers/validation/microsoft-files.ts'

export async function runCommand(config: RunConfig): Promise<number> {
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
  const waivers = config.waivers ? loadWaivers(config.waivers) : []
  const baseline = config.baseline ? readBaseline(config.baseline) : undefined
  const loadRate = config.loadReport ? rateFromLoadReport(config.loadReport, GALLERY_RATE, config.baseUrl) : undefined
  const out = (line: string) => process.stdout.write(`${line}\n`)

  const abort = new AbortController()
  const target = await openTarget(config, {
    // The built-in endpoint runs on its own thread, so its work neither slows the suite nor counts as the suite's.
    embedded: (o) => startServerThread({ ...o, faults: faultsById(config.faults).map((f) => f.id) }),
    readOnly: config.readOnly,
    signal: abort.signal,
  })
  const embedded = target.embedded !== undefined
  const baseUrl = target.baseUrl
  const tokens = target.tokens
  out(
    embedded
      ? `No SCIM_BASE_URL set: running against the built-in reference endpoint at ${baseUrl}${config.faults.length ? ` (faults: ${config.faults.join(', ')})` : ''}`
      : `Target: ${baseUrl}`,
  )
  if (tokens)
    out(
      `OAuth 2.0 client credentials${tokens.method === 'federation' ? ' with workload identity federation' : ''}: token endpoint ${tokens.settings.tokenUrl}`,
    )

  // Signals, --max-time and a crash stop the run the same way: in-flight requests abort, cleanup still runs.
  let begun = false
  const life = new Lifecycle({
    maxTimeMs: config.maxTimeMs,
    catchCrashes: true,
    stop: (why) => abort.abort(new Error(why)),
    created: () => begun,
  })

  try {
    const client = target.client
    const checked = await target.preflight({ authOnly: true })
    const noCredential = checked.kind === 'auth-only' ? checked.reason : undefined
    if (life.signalExit !== undefined) return life.signalExit
    // Every mapped attribute gets a value of its type, or the run stops here with a usage error (never a silent drop).
    const typedProfile = await resolveProfile(client, profile)

    const { runId, prefix } = life
    out(
      `Run ${runId}: resources are named ${prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}`,
    )
    life.begin()
    begun = true
    // In a terminal one status line is rewritten in place, then erased: the final output replaces it, never repeats it.
    const progress = process.stderr.isTTY ? new ProgressLine() : undefined
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      config,
      flows,
      catalog,
      client,
      profile: typedProfile,
      runPrefix: prefix,
      signal: abort.signal,
      tokens,
      credentialProblem: noCredential,
      onCheck: (c) => {
        observe(c)
        progress?.update(c)
      },
    })
    progress?.clear()
    // The gallery checklist's own evidence: the TLS version, and the rate (a load report, or with --gallery a short burst).
    let rate: MeasuredRate | undefined = loadRate
    if (!rate && config.gallery && !abort.signal.aborted && !noCredential)
      rate = await measureBurst(client, matchingAttribute, GALLERY_RATE, abort.signal)
    const tls = embedded
      ? {}
      : await probeTls(baseUrl, {
          caFile: config.caFile,
          insecure: config.insecure,
          proxy: config.proxy,
          timeoutMs: config.timeoutMs,
        })
    const finishedAt = new Date()

    const waived = applyWaivers(suite.checks, waivers, finishedAt)
    const notices: string[] = []
    notices.push(...target.notices())
    if (tls.privateCa)
      notices.push(
        `The TLS certificate is trusted only through --ca-file: ${tls.privateCa.replace(/^the certificate /, 'it ')}. Entra trusts only publicly trusted certificates, so it would not connect; this run proves nothing about the certificate.`,
      )
    if (!config.groups)
      notices.push('Group flows were skipped (--no-groups): Microsoft requires group provisioning for gallery apps.')
    else if (config.largeGroupMembers === undefined && !config.readOnly)
      notices.push(
        'The 1,000-member group was not built: --large-group 1000 (or --gallery) builds it, with 2,000 requests of setup.',
      )
    if (!tokens)
      notices.push(
        'The run authenticated with a long-lived secret token: since 2026 Microsoft onboards gallery SCIM apps only with OAuth 2.0 client credentials (or workload identity federation). Test them with --token-url, --client-id and --client-secret (or --wif-key).',
      )
    if (noCredential) notices.push(`Only the Authentication flow ran: ${noCredential}.`)
    if (config.readOnly) notices.push('Read-only mode: only GET requests were sent, so the write flows were skipped.')
    for (const w of waived.expired)
      notices.push(`Waiver for ${w.id} expired on ${w.expires}: the check counts again (renew or remove the waiver).`)
    notices.push(
      ...transportNotices(
        suite.exchanges.filter((e) => !e.retried),
        { retries: config.retries, target: baseUrl },
      ),
    )
    life.crash ??= suite.crash
    notices.push(...life.notices())
    // A check blocked by one that did not fail here (not selected, or it passed in its own flow) has no cause in this report.
    const failing = new Set(
      waived.checks
        .filter((c) => c.outcome === 'failed' || c.outcome === 'warned' || c.outcome === 'waived')
        .map((c) => c.id),
    )
    const orphans = waived.checks.filter((c) => c.outcome === 'blocked' && c.blockedBy && !failing.has(c.blockedBy))
    if (orphans.length)
      notices.push(
        `${orphans.length} check(s) were blocked by checks that did not fail in this run (${[...new Set(orphans.map((c) => c.blockedBy))].join(', ')}): they were not judged, and the verdict does not cover them.`,
      )
    if (suite.leftovers.length)
      notices.push(
        `${suite.leftovers.length} resource(s) this run created could not be deleted: see leftovers (remove them later with: scim-preflight cleanup --run ${prefix}).`,
      )

    const run: RunResult = {
      run: {
        ...life.stamp(baseUrl, embedded, finishedAt),
        durationMs: finishedAt.getTime() - life.startedAt.getTime(),
        dialects: config.dialects,
        profile: profile.name,
        matchingAttribute,
        seed: config.seed,
        strict: config.strict,
        gallery: config.gallery,
        readOnly: config.readOnly,
        concurrency: config.concurrency,
        notices,
      },
      verdict: computeVerdict(waived.checks, {
        groupsTested: config.groups && !config.readOnly,
        groupsDisabled: !config.groups,
        oauthTested: tokens !== undefined,
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
        rate,
        target: {
          url: baseUrl,
          embedded,
          tls: tls.tls,
          tlsNote: tls.note,
          insecure: config.insecure,
          ...(tls.privateCa ? { privateCa: tls.privateCa } : {}),
        },
        scope: {
          incomplete: [...life.incompleteBecause(), ...incompleteBecause(config, noCredential)],
          total: fullRunSize(config, flows, catalog),
        },
      }),
      causes: groupCauses(waived.checks, target.exchanges),
      counts: countOutcomes(waived.checks),
      checks: waived.checks,
      // The target recorded everything the run sent: token requests, probes, setup and cleanup too (the HAR is the wire).
      exchanges: [...target.exchanges].sort((a, b) => a.seq - b.seq),
      leftovers: suite.leftovers,
    }
    if (baseline) run.diff = diffRuns(run, baseline)
    run.prediction = predictValidation(
      run.checks,
      {
        groups: config.groups && !config.readOnly,
        mappedAttributes: profile.attributes,
        oauth: tokens !== undefined,
        embedded,
      },
      run.exchanges,
    )
    const predicted = config.formats.some((f) => f !== 'console')
      ? await writePredictionFiles(run, config.reportDir)
      : []

    // Reports first: the console names them, then ends with the verdict and the first fix (where a CI log stops).
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

    if (life.signalExit !== undefined) return life.signalExit
    if (life.crash) return 2
    if (waived.expired.length > 0) return 1
    if (config.failOnNew && run.diff) return run.diff.newFailures.length > 0 ? 1 : 0
    return run.counts.failed > 0 || run.verdict.gallery.failsRun || life.stoppedBy === 'max-time' ? 1 : 0
  } finally {
    life.dispose()
    await target.close()
  }
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

/** How many check results a full run of this configuration has (each per-dialect flow counts once per dialect). */
function fullRunSize(
  config: RunConfig,
  flows: readonly FlowDefinition[],
  catalog: Readonly<Record<string, CheckInfo>>,
): number {
  return flowInstances(flows, config.dialects).reduce((n, { flow }) => n + checksOf(flow, catalog).length, 0)
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
