// `scim-preflight diagnose`: why is an Entra provisioning job quarantined? Reads the job status and provisioning
// logs, probes the endpoint with GET requests only, and ranks the likely causes (entra-facts.md §3.1, §4, §5).
import type { DiagnoseConfig } from '../helpers/config/diagnose.ts'
import type { RunConfig } from '../helpers/config/run.ts'
import { DiagnoseInputError, rankCauses, readJobStatus, readProvisioningLogs } from '../helpers/diagnose/index.ts'
import type { JobStatusReport, LogAggregate, ProbeFinding } from '../helpers/diagnose/index.ts'
import { findingsFromChecks } from '../helpers/diagnose/findings.ts'
import { probeChecks } from '../helpers/diagnose/probe-checks.ts'
import probeFlow from '../helpers/diagnose/probe-flow.ts'
import { diagnosisVerdict, toDiagnosisJob, toDiagnosisLogs } from '../helpers/diagnose/to-report.ts'
import { UsageError } from '../helpers/errors.ts'
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import { loadProfile } from '../helpers/entra/load-profile.ts'
import type { Profile } from '../helpers/entra/profile.ts'
import { renderConsole } from '../helpers/report/console.ts'
import type { RunResult } from '../helpers/result/model.ts'
import { countOutcomes } from '../helpers/result/verdict.ts'
import { writeReports } from '../helpers/report/write.ts'
import { runSuite, type SuiteOutput } from '../helpers/suite/run-suite.ts'
import { ScimClient } from '../helpers/client/scim-client.ts'
import { newRunId, runPrefix } from '../helpers/entra/test-data.ts'
import { catalog } from '../specs/catalog.ts'
import { flows } from '../specs/flows.ts'
import { toolVersion } from './version.ts'

/** The conformance flows that send only GET requests and need no data of their own. */
const READ_ONLY_FLOWS = ['test-connection', 'discovery']

export async function diagnoseCommand(config: DiagnoseConfig): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const profile = loadProfile(config.profile)
  const matchingAttribute = config.matchingAttribute ?? profile.matchingAttribute
  const [job, logs] = await readInputs(config)

  const runId = newRunId()
  const startedAt = new Date()
  const seed = Math.floor(Math.random() * 2 ** 31)
  let suite: SuiteOutput = { checks: [], exchanges: [], leftovers: [] }
  if (config.baseUrl) {
    out(`Target: ${config.baseUrl} (read-only: GET requests only)`)
    suite = await probe(config, profile, matchingAttribute, runId, seed)
  }
  const finishedAt = new Date()

  const findings: ProbeFinding[] = findingsFromChecks(suite.checks, suite.exchanges)
  const causes = rankCauses({ logs, job, probes: findings })
  const notices: string[] = []
  if (!config.baseUrl) notices.push('No target given: the endpoint was not probed. Add --url and --token to check it live (GET requests only).')
  else if (config.baseUrl.startsWith('http://')) notices.push('The target uses plain http://: Entra requires HTTPS with TLS 1.2 and will not connect to it.')
  if (config.insecure) notices.push('TLS certificate verification was turned off (--insecure): Entra verifies certificates, so the probes prove nothing about the certificate.')

  const run: RunResult = {
    run: {
      tool: { name: 'scim-preflight', version: toolVersion() },
      runId,
      runPrefix: runPrefix(runId),
      target: config.baseUrl ?? '(none: files only)',
      embedded: false,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      dialects: [],
      profile: profile.name,
      matchingAttribute,
      seed,
      strict: false,
      readOnly: true,
      notices,
    },
    verdict: diagnosisVerdict(causes, config.baseUrl !== undefined),
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

  if (config.formats.includes('console')) out(renderConsole(run, { color: config.color, verbose: true }))
  const written = await writeReports(run, { dir: config.reportDir, formats: config.formats, githubStepSummary: config.githubStepSummary })
  if (written.length) out(`Reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)
  return causes.length > 0 ? 1 : 0
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

/** Test Connection, discovery and the diagnose probes, with a client that refuses anything but GET before the wire. */
async function probe(config: DiagnoseConfig, profile: Profile, matchingAttribute: string, runId: string, seed: number): Promise<SuiteOutput> {
  const abort = new AbortController()
  const maxTime = setTimeout(() => abort.abort(), config.maxTimeMs)
  const runConfig: RunConfig = {
    ...config,
    strict: false,
    seed,
    only: [],
    skip: [],
    dialects: [],
    profile: config.profile,
    matchingAttribute,
    groups: true,
    readOnly: true,
    failOnNew: false,
    faults: [],
    concurrency: 4,
    verbose: false,
  }
  try {
    const client = new ScimClient({
      ...config,
      baseUrl: config.baseUrl!,
      token: async () => config.token,
      secrets: () => [config.token ?? '', config.oauth?.clientSecret ?? ''],
      readOnly: true,
      signal: abort.signal,
    })
    const chosen = [...flows.filter((f) => READ_ONLY_FLOWS.includes(f.id)), probeFlow as FlowDefinition]
    return await runSuite({
      config: runConfig,
      flows: chosen,
      catalog: { ...catalog, ...probeChecks },
      client,
      profile,
      runPrefix: runPrefix(runId),
      signal: abort.signal,
    })
  } finally {
    clearTimeout(maxTime)
  }
}
