// `scim-preflight diagnose`: why is an Entra provisioning job quarantined? Reads the job status and provisioning
// logs, probes the endpoint with GET requests only, and ranks the likely causes (Microsoft Learn: application provisioning in quarantine status; how to analyze the provisioning logs).
import type { DiagnoseConfig } from '../helpers/config/diagnose.ts'
import { DiagnoseInputError, rankCauses, readJobStatus, readProvisioningLogs } from '../helpers/diagnose/index.ts'
import type { JobStatusReport, LogAggregate, ProbeFinding } from '../helpers/diagnose/index.ts'
import { findingsFromChecks } from '../helpers/diagnose/findings.ts'
import { probeChecks } from '../helpers/diagnose/probe-checks.ts'
import probeFlow from '../helpers/diagnose/probe-flow.ts'
import {
  DIAGNOSE_EXIT,
  diagnosisVerdict,
  isInconclusive,
  toDiagnosisJob,
  toDiagnosisLogs,
} from '../helpers/diagnose/to-report.ts'
import { UsageError } from '../helpers/model/errors.ts'
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import { loadProfile, matchingAttributeFor } from '../helpers/entra/load-profile.ts'
import type { Profile } from '../helpers/entra/profile.ts'
import { terminalWidth } from '../helpers/report/wrap.ts'
import { renderConsole } from '../helpers/report/console.ts'
import type { RunResult } from '../helpers/model/result.ts'
import { countOutcomes } from '../helpers/result/verdict.ts'
import { writeReports } from '../helpers/report/write.ts'
import { LATEST_LINKS, pruneReports, prunedLine } from '../helpers/report/prune.ts'
import { runSuite, type RunnerOptions, type SuiteOutput } from '../helpers/suite/run-suite.ts'
import { openTarget } from '../helpers/connect/open-target.ts'
import { catalog } from '../specs/catalog.ts'
import { flows } from '../specs/flows.ts'
import { Lifecycle } from '../helpers/connect/lifecycle.ts'

/** The conformance flows that send only GET requests and need no data of their own. */
const READ_ONLY_FLOWS = ['test-connection', 'discovery']

export async function diagnoseCommand(config: DiagnoseConfig): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const profile = loadProfile(config.profile)
  const matchingAttribute = matchingAttributeFor(profile, config.matchingAttribute)
  const [job, logs] = await readInputs(config)

  // Read-only, so nothing to clean up: Ctrl-C and --max-time stop the probes, and the report says so.
  const abort = new AbortController()
  const life = new Lifecycle({ maxTimeMs: config.maxTimeMs, stop: (why) => abort.abort(new Error(why)) })
  const seed = Math.floor(Math.random() * 2 ** 31)
  let suite: SuiteOutput & { notices: string[] } = { checks: [], exchanges: [], leftovers: [], notices: [] }
  try {
    if (config.baseUrl) {
      out(`Target: ${config.baseUrl} (read-only: GET requests only)`)
      suite = await probe(config, profile, matchingAttribute, life.prefix, seed, abort.signal)
    }
  } finally {
    life.dispose()
  }
  const finishedAt = new Date()

  const findings: ProbeFinding[] = findingsFromChecks(suite.checks, suite.exchanges)
  const causes = rankCauses({ logs, job, probes: findings })
  const notices: string[] = []
  if (!config.baseUrl)
    notices.push(
      'No target given: the endpoint was not probed. Add --url and --token to check it live (GET requests only).',
    )
  notices.push(...suite.notices, ...life.notices())

  const run: RunResult = {
    run: {
      ...life.stamp(config.baseUrl ?? '(none: files only)', false, finishedAt),
      durationMs: finishedAt.getTime() - life.startedAt.getTime(),
      dialects: [],
      profile: profile.name,
      matchingAttribute,
      seed,
      strict: false,
      readOnly: true,
      notices,
    },
    verdict: diagnosisVerdict(causes, { live: config.baseUrl !== undefined, logsRead: logs !== undefined }),
    counts: countOutcomes(suite.checks),
    checks: suite.checks,
    exchanges: suite.exchanges,
    leftovers: suite.leftovers,
    diagnosis: {
      causes,
      ...(job && config.jobStatus ? { job: toDiagnosisJob(config.jobStatus, job) } : {}),
      ...(logs ? { logs: toDiagnosisLogs(logs) } : {}),
    },
  }

  // Reports first: the console names them, then ends with the verdict and the first fix (where a CI log stops).
  // reports/latest stays the last conformance run's: a CI step that reads it must not get a diagnosis instead.
  const written = await writeReports(run, {
    dir: config.reportDir,
    formats: config.formats,
    githubStepSummary: config.githubStepSummary,
    latest: LATEST_LINKS.diagnose,
  })
  const reports = written.filter((p) => !p.endsWith('.txt'))
  if (config.formats.includes('console'))
    out(
      renderConsole(run, {
        color: config.color,
        verbose: true,
        width: terminalWidth(process.stdout.columns, process.env.COLUMNS),
        reports,
      }),
    )
  else if (reports.length) out(`Reports: ${reports.join(', ')}`)
  const pruned = await pruneReports(config.reportDir, config.keepReports)
  if (pruned.length) out(prunedLine(pruned.length, config.reportDir, config.keepReports))
  // Exit 0 only when something that could show a cause was looked at and showed none.
  return causes.length > 0
    ? DIAGNOSE_EXIT.cause
    : isInconclusive(run)
      ? DIAGNOSE_EXIT.inconclusive
      : DIAGNOSE_EXIT.noCause
}

/** The job status and the logs; a file diagnose cannot read is a usage error (one line, exit 2). */
async function readInputs(config: DiagnoseConfig): Promise<[JobStatusReport | undefined, LogAggregate | undefined]> {
  try {
    const job = config.jobStatus ? await readJobStatus(config.jobStatus, { now: config.now }) : undefined
    const logs = config.logs.length ? await readProvisioningLogs(config.logs) : undefined
    return [job, logs]
  } catch (err) {
    if (err instanceof DiagnoseInputError) throw new UsageError(err.message.replace(/\s*\n\s*/g, ' '))
    throw err
  }
}

/**
 * The preflight, then Test Connection, discovery and the diagnose probes (and, with client credentials, the
 * Authentication flow), through a client that refuses anything but GET before the wire. A refused credential or a
 * URL that is not a SCIM endpoint stops diagnose (exit 2) as it stops a run; an endpoint that cannot be reached is
 * itself the diagnosis (Entra cannot connect either), so the probes run and name it.
 */
async function probe(
  config: DiagnoseConfig,
  profile: Profile,
  matchingAttribute: string,
  prefix: string,
  seed: number,
  signal: AbortSignal,
): Promise<SuiteOutput & { notices: string[] }> {
  // Read-only, every presumption judged on its own: the runner's options of a probe, not of a conformance run.
  const options: RunnerOptions = {
    dialects: [],
    only: [],
    skip: [],
    concurrency: 4,
    seed,
    matchingAttribute,
    strict: false,
    gallery: false,
    readOnly: true,
    ...(config.user !== undefined ? { user: config.user } : {}),
    groups: true,
  }
  const target = await openTarget(config, { readOnly: true, signal })
  try {
    const checked = await target.preflight({ unreachable: true, authOnly: true })
    const wanted = config.oauth ? [...READ_ONLY_FLOWS, 'authentication'] : READ_ONLY_FLOWS
    const chosen = [...flows.filter((f) => wanted.includes(f.id)), probeFlow as FlowDefinition]
    const suite = await runSuite({
      options,
      flows: chosen,
      catalog: { ...catalog, ...probeChecks },
      client: target.client,
      profile,
      runPrefix: prefix,
      signal,
      tokens: target.tokens,
      credentialProblem: checked.kind === 'auth-only' ? checked.reason : undefined,
    })
    return { ...suite, exchanges: [...target.exchanges].sort((a, b) => a.seq - b.seq), notices: target.notices() }
  } finally {
    await target.close()
  }
}
