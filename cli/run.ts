// `scim-preflight run`: the conformance suite against the target, or against the built-in reference endpoint
// when no target is set. Ctrl-C and --max-time stop the run, delete what it created, then exit 130/143.
import { existsSync, readFileSync } from 'node:fs'
import type { RunConfig } from '../helpers/config.ts'
import { UnreachableError, UsageError } from '../helpers/errors.ts'
import { loadProfile, matchingAttributeFor } from '../helpers/load-profile.ts'
import type { RunResult } from '../helpers/report/model.ts'
import { renderConsole, renderProgressLine } from '../helpers/report/console.ts'
import { diffRuns } from '../helpers/report/diff.ts'
import { computeVerdict, countOutcomes } from '../helpers/report/verdict.ts'
import { applyWaivers, loadWaivers } from '../helpers/report/waivers.ts'
import { writeReports } from '../helpers/report/write.ts'
import { runSuite } from '../helpers/run-suite.ts'
import { ScimClient } from '../helpers/scim-client.ts'
import { newRunId, runPrefix } from '../helpers/test-data.ts'
import { catalog } from '../specs/catalog.ts'
import { flows } from '../specs/flows.ts'
import { faultsById } from '../server/faults/index.ts'
import { startServer } from '../server/start.ts'
import { toolVersion } from './version.ts'

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

export async function runCommand(config: RunConfig): Promise<number> {
  const profile = loadProfile(config.profile)
  const matchingAttribute = matchingAttributeFor(profile, config.matchingAttribute)
  const waivers = config.waivers ? loadWaivers(config.waivers) : []
  const baseline = config.baseline ? readBaseline(config.baseline) : undefined
  const out = (line: string) => process.stdout.write(`${line}\n`)

  const embedded = config.baseUrl === undefined
  const server = embedded
    ? await startServer({ token: `embedded-${newRunId()}${newRunId()}`, faults: faultsById(config.faults) })
    : undefined
  const baseUrl = server?.url ?? config.baseUrl!
  const token = server?.token ?? config.token
  out(embedded
    ? `No SCIM_BASE_URL set: running against the built-in reference endpoint at ${baseUrl}${config.faults.length ? ` (faults: ${config.faults.join(', ')})` : ''}`
    : `Target: ${baseUrl}`)

  const abort = new AbortController()
  let stoppedBy: keyof typeof SIGNAL_EXIT | 'max-time' | undefined
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => () => {
    if (stoppedBy) return
    stoppedBy = signal
    process.stderr.write(`\n${signal}: stopping; deleting what this run created…\n`)
    abort.abort()
  }
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') }
  process.on('SIGINT', handlers.SIGINT)
  process.on('SIGTERM', handlers.SIGTERM)
  const maxTime = setTimeout(() => {
    stoppedBy = 'max-time'
    abort.abort()
  }, config.maxTimeMs)

  try {
    const client = new ScimClient({
      ...config,
      baseUrl,
      token: async () => token,
      secrets: () => [token ?? '', config.oauth?.clientSecret ?? ''],
      readOnly: config.readOnly,
      signal: abort.signal,
    })
    await probe(client)

    const runId = newRunId()
    const prefix = runPrefix(runId)
    out(`Run ${runId}: resources are named ${prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}`)
    const startedAt = new Date()
    const progress = process.stderr.isTTY
    const suite = await runSuite({
      config,
      flows,
      catalog,
      client,
      profile,
      runPrefix: prefix,
      signal: abort.signal,
      onCheck: progress ? (c) => process.stderr.write(`${renderProgressLine(c, { color: config.color })}\n`) : undefined,
    })
    const finishedAt = new Date()

    const waived = applyWaivers(suite.checks, waivers, finishedAt)
    const notices: string[] = []
    if (!embedded && baseUrl.startsWith('http://')) notices.push('The target uses plain http://: Entra requires HTTPS with TLS 1.2 and will not connect to it.')
    if (config.insecure) notices.push('TLS certificate verification was turned off (--insecure): Entra verifies certificates, so this run proves nothing about the certificate.')
    if (!config.groups) notices.push('Group flows were skipped (--no-groups): Microsoft requires group provisioning for gallery apps.')
    if (config.readOnly) notices.push('Read-only mode: only GET requests were sent, so the write flows were skipped.')
    for (const w of waived.expired) notices.push(`Waiver for ${w.id} expired on ${w.expires}: the check counts again (renew or remove the waiver).`)
    if (stoppedBy) notices.push(stoppedBy === 'max-time' ? `The run hit --max-time (${config.maxTimeMs} ms) and was stopped.` : `The run was interrupted (${stoppedBy}).`)
    if (suite.leftovers.length) notices.push(`${suite.leftovers.length} resource(s) this run created could not be deleted: see leftovers.`)

    const run: RunResult = {
      run: {
        tool: { name: 'scim-preflight', version: toolVersion() },
        runId,
        runPrefix: prefix,
        target: baseUrl,
        embedded,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        dialects: config.dialects,
        profile: profile.name,
        matchingAttribute,
        seed: config.seed,
        strict: config.strict,
        readOnly: config.readOnly,
        notices,
      },
      verdict: computeVerdict(waived.checks, { groupsTested: config.groups && !config.readOnly }),
      counts: countOutcomes(waived.checks),
      checks: waived.checks,
      exchanges: suite.exchanges,
      leftovers: suite.leftovers,
    }
    if (baseline) run.diff = diffRuns(run, baseline)

    if (config.formats.includes('console')) out(renderConsole(run, { color: config.color }))
    const written = await writeReports(run, { dir: config.reportDir, formats: config.formats, githubStepSummary: config.githubStepSummary })
    if (written.length) out(`Reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)

    if (stoppedBy && stoppedBy !== 'max-time') return SIGNAL_EXIT[stoppedBy]
    if (waived.expired.length > 0) return 1
    if (config.failOnNew && run.diff) return run.diff.newFailures.length > 0 ? 1 : 0
    return run.counts.failed > 0 || stoppedBy === 'max-time' ? 1 : 0
  } finally {
    clearTimeout(maxTime)
    process.off('SIGINT', handlers.SIGINT)
    process.off('SIGTERM', handlers.SIGTERM)
    await server?.close()
  }
}

/** One request before the suite: a target that cannot be reached at all is exit 2 with the reason, not 40 failures. */
async function probe(client: ScimClient): Promise<void> {
  const ex = await client.fork({ sink: undefined }).get('/ServiceProviderConfig')
  if (!ex.response) throw new UnreachableError(`cannot reach ${client.baseUrl}: ${ex.error}`)
}

function readBaseline(path: string): RunResult {
  if (!existsSync(path)) throw new UsageError(`--baseline '${path}' does not exist: give the report.json of an earlier run`)
  try {
    const run = JSON.parse(readFileSync(path, 'utf8')) as RunResult
    if (!Array.isArray(run.checks)) throw new Error('no checks')
    return run
  } catch {
    throw new UsageError(`--baseline '${path}' is not a scim-preflight report.json`)
  }
}
