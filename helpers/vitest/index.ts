// `scim-preflight/vitest`: the whole Entra suite inside a vendor's own vitest. One call registers every flow as a
// `describe` (per dialect where the flow runs per dialect) and every check as a `test`; the flows themselves run once,
// in `beforeAll`, for the tests vitest selected (-t, .only, file filters), and each test then asserts its recorded
// outcome. This is the only module of the package that imports vitest.
import { afterAll, beforeAll, describe, test, type TestContext } from 'vitest'
import { parseCommand } from '../config/command.ts'
import { runConfig, type RunConfig } from '../config/run.ts'
import { UnreachableError, UsageError } from '../errors.ts'
import { resolveProfile } from '../entra/attribute-types.ts'
import { loadProfile, matchingAttributeFor } from '../entra/load-profile.ts'
import { newRunId, runPrefix } from '../entra/test-data.ts'
import type { Dialect } from '../entra/dialect.ts'
import { groupCauses } from '../result/causes.ts'
import type { CheckResult, RunResult } from '../result/model.ts'
import { computeVerdict, countOutcomes } from '../result/verdict.ts'
import { writeReports } from '../report/write.ts'
import { SEVERITY_LABEL, type CheckInfo } from '../suite/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { checksOf, flowInstances, isSelected, runSuite } from '../suite/run-suite.ts'
import { transportNotices } from '../client/transport-notices.ts'
import { openTarget, type Target } from '../target/target.ts'
import { customSuite } from '../custom/suite.ts'
import { isCustomFault, type CustomDefinition, type CustomFaultDefinition } from '../custom/define.ts'
import { exportedDefinitions } from '../custom/load.ts'
import { runStamp } from '../../cli/version.ts'
import { catalog as builtInCatalog } from '../../specs/catalog.ts'
import { flows as builtInFlows } from '../../specs/flows.ts'
import { faultsById } from '../../server/faults/index.ts'
import type { Fault } from '../../server/faults/define-fault.ts'
import { startServer } from '../../server/start.ts'

export { defineCheck, defineFault, defineFlow } from '../custom/define.ts'

/** Definitions as a vendor hands them over: defineCheck/defineFlow results, arrays of them, or whole imported modules. */
export type Definitions = readonly unknown[] | Record<string, unknown>

export interface EntraSuiteOptions {
  /** Your own checks (defineCheck, defineFlow), or the modules exporting them: reported beside the built-in ones. */
  checks?: Definitions
  /** Command-line flags of `scim-preflight run` (e.g. ['--profile', './mapping.json', '--strict']): read exactly as the CLI reads them, over SCIM_* variables and .env. */
  args?: readonly string[]
  /** Where .env is read and relative paths start (default: the working folder). */
  cwd?: string
  /** Faults of the built-in reference endpoint (ids, or your defineFault results), used only when no target is set. */
  faults?: readonly (string | CustomFaultDefinition)[]
}

interface Planned {
  flow: FlowDefinition
  dialect?: Dialect
  ids: string[]
}

/** Report files written by default (vitest prints the console; JUnit is vitest's own reporter). */
const DEFAULT_REPORTS = 'json,html,har'
/** Room on top of --max-time for the target's start, the preflight, cleanup and the reports. */
const HOOK_MARGIN_MS = 60_000

/**
 * Registers the Entra suite in the current vitest file (or describe). The target is SCIM_BASE_URL/SCIM_TOKEN (or
 * OAuth settings) from the environment or .env, as for the CLI; with none, the built-in reference endpoint.
 */
export function entraSuite(options: EntraSuiteOptions = {}): void {
  const cwd = options.cwd ?? process.cwd()
  const { config, flows, catalog, observe } = prepare(options, cwd)
  const plan: Planned[] = flowInstances(flows, config.dialects)
    .map(({ flow, dialect }) => ({ flow, ...(dialect ? { dialect } : {}), ids: checksOf(flow, catalog).filter((id) => isSelected(id, config)) }))
    .filter((p) => p.ids.length > 0)
  const runWide = Object.keys(catalog).filter((id) => !flows.some((f) => id.startsWith(`${f.id}/`)) && isSelected(id, config))
  // A test's name → the check it asserts, by the describe it sits in.
  const byName = new Map<string, { id: string; dialect?: Dialect }>()
  const key = (suite: string, name: string): string => `${suite}\u0000${name}`
  const testName = (id: string): string => `${id}: ${catalog[id]!.title}`

  const state: { run?: Promise<RunOutcome>; abort: AbortController; target?: Target; results?: Map<string, CheckResult>; failure?: Error } = { abort: new AbortController() }
  const resultFor = (id: string, dialect?: Dialect): CheckResult | undefined => state.results?.get(`${id}@${dialect ?? ''}`)

  const register = (suiteName: string, ids: string[], dialect?: Dialect): void => {
    describe(suiteName, () => {
      for (const id of ids) {
        const name = testName(id)
        byName.set(key(suiteName, name), { id, ...(dialect ? { dialect } : {}) })
        test(name, async (ctx) => assertOutcome(ctx, id, dialect))
      }
    })
  }
  const assertOutcome = async (ctx: TestContext, id: string, dialect?: Dialect): Promise<void> => {
    if (state.failure) throw state.failure
    const r = resultFor(id, dialect)
    if (!r) {
      // A run-wide check is reported only when it has something to say or was selected; nothing said is a pass.
      if (runWide.includes(id) && state.results) return
      throw oneLine(`${id} has no result: the run ended before it was judged`)
    }
    const level = `${SEVERITY_LABEL[r.severity]}: ${r.evidence.says}`
    switch (r.outcome) {
      case 'passed':
        if (r.message) await ctx.annotate(r.message, 'notice')
        return
      case 'waived':
        await ctx.annotate(`waived: ${r.waiver?.reason ?? ''} — ${r.message ?? ''}`, 'notice')
        return
      case 'warned':
        // A warning does not fail the file (unless --strict or --gallery made it a failure, then it is 'failed').
        await ctx.annotate(`warning (${SEVERITY_LABEL[r.severity]}; fails under --strict): ${r.message ?? r.title}. Fix: ${r.fix}`, 'warning')
        return
      case 'skipped':
        ctx.skip(r.message ?? 'skipped')
        return
      case 'blocked':
        ctx.skip(r.message?.startsWith('blocked by') ? r.message : `blocked by ${r.blockedBy ?? 'an earlier step'}: ${r.message ?? ''}`)
        return
      case 'failed': {
        const err = oneLine(`${r.message ?? r.title}\nLevel: ${level}\nEntra: ${r.entra.code} — ${r.entra.effect}\nFix: ${r.fix}`) as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean }
        // vitest's diff helps for values; a whole response body is in the message's request line and the HAR instead.
        const small = (v: unknown): boolean => v !== undefined && (JSON.stringify(v) ?? '').length <= 400
        if (small(r.expected) && small(r.actual)) Object.assign(err, { expected: r.expected, actual: r.actual, showDiff: true })
        throw err
      }
    }
  }

  // vitest reads the hook's parameters: the context must be a destructuring pattern; the suite comes second.
  beforeAll(async ({}, suite) => {
    const selected = selectedTests(suite, byName, key)
    if (selected.length === 0) return
    const ids = [...new Set(selected.map((s) => s.id))]
    const perDialect = selected.filter((s) => s.dialect).map((s) => s.dialect!)
    const runConfig: RunConfig = {
      ...config,
      only: ids,
      skip: [],
      dialects: perDialect.length ? config.dialects.filter((d) => perDialect.includes(d)) : config.dialects,
    }
    state.run = execute(runConfig, { flows, catalog, observe, options, cwd, abort: state.abort, onTarget: (t) => (state.target = t) })
    try {
      const outcome = await state.run
      state.results = new Map(outcome.checks.map((c) => [`${c.id}@${c.dialect ?? ''}`, c]))
    } catch (err) {
      state.failure = err instanceof UsageError || err instanceof UnreachableError ? oneLine(err.message) : (err as Error)
      throw state.failure
    }
  }, config.maxTimeMs + HOOK_MARGIN_MS)

  afterAll(async () => {
    // A run cut short by vitest (a hook timeout, a bail) stops here: requests abort, and what it created is deleted.
    if (state.run && !state.results && !state.failure) {
      state.abort.abort(new Error('the run was stopped by vitest'))
      await state.run.catch(() => undefined)
    }
  }, HOOK_MARGIN_MS)

  for (const p of plan) register(`${p.flow.title}${p.dialect ? ` (${p.dialect})` : ''}`, p.ids, p.dialect)
  if (runWide.length) register('The whole run', runWide)
}

/** Reads the configuration as the CLI does, and adds the vendor's checks; any problem is one line, thrown at collection. */
function prepare(options: EntraSuiteOptions, cwd: string) {
  try {
    const args = [...(options.args ?? [])]
    if (args.some((a) => a === '--checks' || a.startsWith('--checks='))) {
      throw new UsageError(`--checks goes to the CLI: in vitest, import your checks and pass them as entraSuite({ checks })`)
    }
    const reportGiven = args.some((a) => a === '--report' || a.startsWith('--report=')) || !!process.env.SCIM_REPORT
    const command = parseCommand(['run', ...args, ...(reportGiven ? [] : ['--report', DEFAULT_REPORTS])], process.env, cwd)
    if (command.kind !== 'run') throw new UsageError(`entraSuite args ${JSON.stringify(args)} ask for help, not a run`)
    const found = options.checks ? exportedDefinitions(Array.isArray(options.checks) ? { default: options.checks } : (options.checks as Record<string, unknown>)) : []
    const custom = customSuite(found.filter((d): d is CustomDefinition => !isCustomFault(d)), { flows: builtInFlows, catalog: builtInCatalog })
    const flows = [...builtInFlows, ...custom.flows]
    const catalog: Record<string, CheckInfo> = { ...builtInCatalog, ...custom.catalog }
    if (!Object.keys(catalog).some((id) => isSelected(id, command.config))) throw new UsageError('--only/--skip select no check')
    return { config: command.config, flows, catalog, observe: custom.observe }
  } catch (err) {
    if (err instanceof UsageError) throw oneLine(err.message)
    throw err
  }
}

/** The checks of the tests vitest will run: -t, .only and .skip have set each test's mode before beforeAll. */
function selectedTests(suite: unknown, byName: Map<string, { id: string; dialect?: Dialect }>, key: (s: string, n: string) => string): { id: string; dialect?: Dialect }[] {
  const out: { id: string; dialect?: Dialect }[] = []
  type Node = { type: string; name: string; mode: string; tasks?: Node[] }
  const walk = (node: Node, parent: string): void => {
    for (const t of node.tasks ?? []) {
      if (t.type === 'suite') walk(t, t.name)
      else if (t.mode === 'run' || t.mode === 'only') {
        const hit = byName.get(key(parent, t.name))
        if (hit) out.push(hit)
      }
    }
  }
  walk(suite as Node, (suite as Node).name)
  return out
}

interface RunOutcome {
  checks: CheckResult[]
}

/** One run of the selected checks: target, preflight, flows, cleanup, reports; Ctrl-C and SIGTERM stop it and clean up. */
async function execute(
  config: RunConfig,
  ctx: { flows: readonly FlowDefinition[]; catalog: Readonly<Record<string, CheckInfo>>; observe: (r: CheckResult) => void; options: EntraSuiteOptions; cwd: string; abort: AbortController; onTarget: (t: Target) => void; quiet?: boolean },
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
  const maxTime = setTimeout(() => abort.abort(new Error(`the run hit --max-time (${config.maxTimeMs} ms)`)), config.maxTimeMs)
  const faults: Fault[] = [
    ...faultsById(config.faults),
    ...(ctx.options.faults ?? []).flatMap((f) => (typeof f === 'string' ? faultsById([f]) : [f as unknown as Fault])),
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
    say(`${embedded ? `no SCIM_BASE_URL set: the built-in reference endpoint at ${target.baseUrl}${faults.length ? ` (faults: ${faults.map((f) => f.id).join(', ')})` : ''} (proves nothing about your server)` : `target ${target.baseUrl}`}`)
    say(`run ${runId}: resources are named ${prefix}-…; profile ${profile.name}; dialects ${config.dialects.join(', ')}; seed ${config.seed}; reports ${reports}`)
    const startedAt = new Date()
    const suite = await runSuite({
      config, flows: ctx.flows, catalog: ctx.catalog, client: target.client, profile: typed, runPrefix: prefix, signal: abort.signal,
      tokens: target.tokens, credentialProblem: noCredential, onCheck: ctx.observe,
    })
    const finishedAt = new Date()
    const notices = [...target.notices(), ...transportNotices(suite.exchanges.filter((e) => !e.retried), { retries: config.retries, target: target.baseUrl })]
    if (stopped) notices.push(`The run was interrupted (${stopped}).`)
    if (suite.crash) notices.push(`The run crashed (a bug in scim-preflight; please report it): ${suite.crash}. It stopped, and deleted what it had created before writing this report.`)
    if (suite.leftovers.length) notices.push(`${suite.leftovers.length} resource(s) this run created could not be deleted: see leftovers (remove them later with: scim-preflight cleanup --run ${prefix}).`)
    const total = flowInstances(ctx.flows, config.dialects).reduce((n, { flow }) => n + checksOf(flow, ctx.catalog).length, 0)
    const cut = config.only.length < Object.keys(ctx.catalog).length ? ['cut by the tests vitest selected'] : []
    const run: RunResult = {
      run: {
        ...runStamp({ runId, runPrefix: prefix, target: target.baseUrl, embedded, startedAt, finishedAt }),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        dialects: config.dialects, profile: profile.name, matchingAttribute: matchingAttributeFor(profile, config.matchingAttribute), seed: config.seed,
        strict: config.strict, gallery: config.gallery, readOnly: config.readOnly, concurrency: config.concurrency, notices,
      },
      verdict: computeVerdict(suite.checks, {
        groupsTested: config.groups && !config.readOnly, groupsDisabled: !config.groups, oauthTested: target.tokens !== undefined, gallery: config.gallery,
        target: { url: target.baseUrl, embedded, insecure: config.insecure },
        scope: { incomplete: [...cut, ...(stopped ? [`interrupted (${stopped})`] : []), ...(suite.crash ? ['the run crashed'] : [])], total },
      }),
      causes: groupCauses(suite.checks, target.exchanges),
      counts: countOutcomes(suite.checks),
      checks: suite.checks,
      exchanges: [...target.exchanges].sort((a, b) => a.seq - b.seq),
      leftovers: suite.leftovers,
    }
    const written = await writeReports(run, { dir: config.reportDir, formats: config.formats, githubStepSummary: config.githubStepSummary })
    if (written.length) say(`${run.verdict.headline}; reports: ${written.filter((p) => !p.endsWith('latest.txt')).join(', ')}`)
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

/** An error vitest prints as the message alone: the one line the CLI would print, no stack of ours. */
function oneLine(message: string): Error {
  const err = new Error(`scim-preflight: ${message}`)
  err.stack = `Error: ${err.message}`
  return err
}

export interface ProveChecksOptions {
  /** Your checks (as for entraSuite). */
  checks: Definitions
  /** Your faults (defineFault), each declaring the checks it breaks; may sit in the same modules as the checks. */
  faults?: Definitions
  /** Flags as for entraSuite (e.g. the profile your checks need); the target is always the built-in reference endpoint. */
  args?: readonly string[]
}

/**
 * Registers the proof that your checks can fail, the way the suite proves its own: for each of your faults, the
 * reference endpoint started with it fails exactly the checks it declares; the clean endpoint passes every check of
 * yours; and every check of yours is broken by one of your faults (a check no fault breaks is a check that cannot fail).
 */
export function proveChecks(options: ProveChecksOptions): void {
  const all = [
    ...exportedDefinitions(Array.isArray(options.checks) ? { default: options.checks } : (options.checks as Record<string, unknown>)),
    ...(options.faults ? exportedDefinitions(Array.isArray(options.faults) ? { default: options.faults } : (options.faults as Record<string, unknown>)) : []),
  ]
  const definitions = all.filter((d): d is CustomDefinition => !isCustomFault(d))
  const faults = [...new Set(all.filter(isCustomFault))]
  let prepared: ReturnType<typeof prepareProof>
  try {
    prepared = prepareProof(definitions, options.args ?? [])
  } catch (err) {
    if (err instanceof UsageError) throw oneLine(err.message)
    throw err
  }
  const { config, catalog, mine } = prepared
  const needed = new Set<string>([...mine, ...definitions.flatMap((d) => [...(d.dependsOn ?? [])])])
  const run = async (fault: CustomFaultDefinition | undefined, extra: readonly string[]): Promise<CheckResult[]> => {
    const custom = customSuite(definitions, { flows: builtInFlows, catalog: builtInCatalog })
    const outcome = await execute({ ...config, only: [...new Set([...needed, ...extra])] }, {
      flows: [...builtInFlows, ...custom.flows], catalog: { ...builtInCatalog, ...custom.catalog }, observe: custom.observe,
      options: { faults: fault ? [fault] : [] }, cwd: process.cwd(), abort: new AbortController(), onTarget: () => undefined, quiet: true,
    })
    return outcome.checks
  }
  const broken = (checks: CheckResult[]): string[] => [...new Set(checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warned').map((c) => c.id))].sort()
  describe('Your checks can fail', () => {
    test('the clean reference endpoint passes every check of yours', async () => {
      const wrong = (await run(undefined, [])).filter((c) => mine.includes(c.id) && (c.outcome === 'failed' || c.outcome === 'warned'))
      if (wrong.length) throw oneLine(`the clean reference endpoint fails ${wrong.map((c) => `${c.id} (${c.message ?? ''})`).join('; ')}`)
    }, config.maxTimeMs)
    for (const fault of faults) {
      test(`fault ${fault.id} breaks exactly ${[...fault.breaks].sort().join(', ')}`, async () => {
        const unknown = fault.breaks.filter((id) => !(id in catalog))
        if (unknown.length) throw oneLine(`fault ${fault.id} declares ${unknown.join(', ')}, which is no check`)
        const got = broken(await run(fault, fault.breaks))
        const want = [...new Set(fault.breaks)].sort()
        if (got.join() !== want.join()) {
          const err = oneLine(`fault ${fault.id} should break exactly ${want.join(', ')}; it broke ${got.join(', ') || 'nothing'}`) as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean }
          throw Object.assign(err, { expected: want, actual: got, showDiff: true })
        }
      }, config.maxTimeMs)
    }
    test('every check of yours is broken by one of your faults', () => {
      const proven = new Set(faults.flatMap((f) => [...f.breaks]))
      const unproven = mine.filter((id) => !proven.has(id))
      if (unproven.length) throw oneLine(`${unproven.join(', ')} ${unproven.length > 1 ? 'are' : 'is'} broken by none of your faults: write a fault (defineFault) that makes ${unproven.length > 1 ? 'each' : 'it'} fail, or the check cannot fail`)
    })
  })
}

function prepareProof(definitions: CustomDefinition[], args: readonly string[]) {
  // Always the built-in endpoint: the target's SCIM_* settings are not read (the proof is about your checks, not your server).
  const command = runConfig([...args, '--built-in', '--report', 'console'], {})
  if (command.kind !== 'run') throw new UsageError(`proveChecks args ${JSON.stringify(args)} ask for help, not a run`)
  const custom = customSuite(definitions, { flows: builtInFlows, catalog: builtInCatalog })
  return { config: command.config, catalog: { ...builtInCatalog, ...custom.catalog } as Record<string, CheckInfo>, mine: Object.keys(custom.catalog) }
}
