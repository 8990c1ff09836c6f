// `scim-preflight/vitest`: the whole Entra suite inside a vendor's own vitest. One call registers every flow as a
// `describe` (per dialect where the flow runs per dialect) and every check as a `test`; the flows themselves run once,
// in `beforeAll`, for the tests vitest selected (-t, .only, file filters), and each test then asserts its recorded
// outcome. This is the only module of the package that imports vitest.
import { afterAll, beforeAll, describe, test, type TestContext } from 'vitest'
import { parseCommand } from '../config/command.ts'
import { readDotEnv } from '../config/environment.ts'
import type { RunConfig } from '../config/run.ts'
import { UnreachableError, UsageError } from '../model/errors.ts'
import type { Dialect } from '../model/dialect.ts'
import type { CheckResult } from '../model/result.ts'
import { SEVERITY_LABEL, type CheckInfo } from '../model/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { checksOf, flowInstances, isSelected } from '../suite/run-suite.ts'
import type { Target } from '../connect/open-target.ts'
import { customSuite } from '../custom/suite.ts'
import { isCustomFault, type CustomDefinition, type CustomFaultDefinition } from '../custom/define.ts'
import { exportedDefinitions } from '../custom/load.ts'
import { catalog as builtInCatalog } from '../../specs/catalog.ts'
import { flows as builtInFlows } from '../../specs/flows.ts'
import { oneLine } from './one-line.ts'
import type { RunOutcome } from './execute.ts'
import { prepareProof, proofRun, proveFault, unprovenChecks, type Proof } from './prove.ts'

// What runs the flows (target, endpoint, reports) loads in beforeAll, not at collection: a file whose tests are all
// filtered out pays only for the catalog.
const running = () => import('./execute.ts')

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
  const { plan, runWide } = testsOf(flows, catalog, config)
  // A test's name → the check it asserts, by the describe it sits in.
  const byName = new Map<string, { id: string; dialect?: Dialect }>()
  const key = (suite: string, name: string): string => `${suite}\u0000${name}`
  const testName = (id: string): string => `${id}: ${catalog[id]!.title}`

  const state: {
    run?: Promise<RunOutcome>
    abort: AbortController
    target?: Target
    results?: Map<string, CheckResult>
    failure?: Error
  } = { abort: new AbortController() }
  const resultFor = (id: string, dialect?: Dialect): CheckResult | undefined =>
    state.results?.get(`${id}@${dialect ?? ''}`)

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
    await assertResult(ctx, r)
  }

  // vitest reads the hook's parameters: the context must be a destructuring pattern; the suite comes second.
  // eslint-disable-next-line no-empty-pattern -- vitest requires a destructuring pattern here
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
    const { execute } = await running()
    state.run = execute(runConfig, {
      flows,
      catalog,
      observe,
      faults: options.faults ?? [],
      cwd,
      abort: state.abort,
      onTarget: (t) => (state.target = t),
    })
    try {
      const outcome = await state.run
      state.results = new Map(outcome.checks.map((c) => [`${c.id}@${c.dialect ?? ''}`, c]))
    } catch (err) {
      state.failure =
        err instanceof UsageError || err instanceof UnreachableError ? oneLine(err.message) : (err as Error)
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

/** The tests to register: each flow instance's selected checks (a describe each), and the run-wide checks. */
function testsOf(
  flows: readonly FlowDefinition[],
  catalog: Readonly<Record<string, CheckInfo>>,
  config: RunConfig,
): { plan: Planned[]; runWide: string[] } {
  const plan = flowInstances(flows, config.dialects)
    .map(({ flow, dialect }) => ({
      flow,
      ...(dialect ? { dialect } : {}),
      ids: checksOf(flow, catalog).filter((id) => isSelected(id, config)),
    }))
    .filter((p) => p.ids.length > 0)
  const runWide = Object.keys(catalog).filter(
    (id) => !flows.some((f) => id.startsWith(`${f.id}/`)) && isSelected(id, config),
  )
  return { plan, runWide }
}

/** A check's recorded outcome as vitest's: a failure throws with the finding, level, consequence and fix; a warning and
 * a waiver are annotations; skipped and blocked checks are skipped tests that say why. */
async function assertResult(ctx: TestContext, r: CheckResult): Promise<void> {
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
      await ctx.annotate(
        `warning (${SEVERITY_LABEL[r.severity]}; fails under --strict): ${r.message ?? r.title}. Fix: ${r.fix}`,
        'warning',
      )
      return
    case 'skipped':
      ctx.skip(r.message ?? 'skipped')
      return
    case 'blocked':
      ctx.skip(
        r.message?.startsWith('blocked by')
          ? r.message
          : `blocked by ${r.blockedBy ?? 'an earlier step'}: ${r.message ?? ''}`,
      )
      return
    case 'failed': {
      const err = oneLine(
        `${r.message ?? r.title}\nLevel: ${level}\nEntra: ${r.entra.code} — ${r.entra.effect}\nFix: ${r.fix}`,
      ) as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean }
      // vitest's diff helps for values; a whole response body is in the message's request line and the HAR instead.
      const small = (v: unknown): boolean => v !== undefined && (JSON.stringify(v) ?? '').length <= 400
      if (small(r.expected) && small(r.actual))
        Object.assign(err, { expected: r.expected, actual: r.actual, showDiff: true })
      throw err
    }
  }
}

/** Reads the configuration as the CLI does, and adds the vendor's checks; any problem is one line, thrown at collection. */
function prepare(options: EntraSuiteOptions, cwd: string) {
  try {
    const args = [...(options.args ?? [])]
    if (args.some((a) => a === '--checks' || a.startsWith('--checks='))) {
      throw new UsageError(
        `--checks goes to the CLI: in vitest, import your checks and pass them as entraSuite({ checks })`,
      )
    }
    const reportGiven =
      args.some((a) => a === '--report' || a.startsWith('--report=')) ||
      !!process.env.SCIM_REPORT ||
      !!readDotEnv(cwd).SCIM_REPORT
    const command = parseCommand(
      ['run', ...args, ...(reportGiven ? [] : ['--report', DEFAULT_REPORTS])],
      process.env,
      cwd,
    )
    if (command.kind !== 'run') throw new UsageError(`entraSuite args ${JSON.stringify(args)} ask for help, not a run`)
    const found = options.checks
      ? exportedDefinitions(
          Array.isArray(options.checks) ? { default: options.checks } : (options.checks as Record<string, unknown>),
        )
      : []
    const custom = customSuite(
      found.filter((d): d is CustomDefinition => !isCustomFault(d)),
      { flows: builtInFlows, catalog: builtInCatalog },
    )
    const flows = [...builtInFlows, ...custom.flows]
    const catalog: Record<string, CheckInfo> = { ...builtInCatalog, ...custom.catalog }
    if (!Object.keys(catalog).some((id) => isSelected(id, command.config)))
      throw new UsageError('--only/--skip select no check')
    return { config: command.config, flows, catalog, observe: custom.observe }
  } catch (err) {
    if (err instanceof UsageError) throw oneLine(err.message)
    throw err
  }
}

/** The checks of the tests vitest will run: -t, .only and .skip have set each test's mode before beforeAll. */
function selectedTests(
  suite: unknown,
  byName: Map<string, { id: string; dialect?: Dialect }>,
  key: (s: string, n: string) => string,
): { id: string; dialect?: Dialect }[] {
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
  const all = [...definitionsOf(options.checks), ...(options.faults ? definitionsOf(options.faults) : [])]
  const faults = [...new Set(all.filter(isCustomFault))]
  let proof: Proof
  try {
    proof = prepareProof(
      all.filter((d): d is CustomDefinition => !isCustomFault(d)),
      options.args ?? [],
    )
  } catch (err) {
    if (err instanceof UsageError) throw oneLine(err.message)
    throw err
  }
  describe('Your checks can fail', () => {
    test(
      'the clean reference endpoint passes every check of yours',
      async () => {
        const wrong = (await proofRun(proof, undefined)).filter(
          (c) => proof.mine.includes(c.id) && (c.outcome === 'failed' || c.outcome === 'warned'),
        )
        if (wrong.length)
          throw oneLine(
            `the clean reference endpoint fails ${wrong.map((c) => `${c.id} (${c.message ?? ''})`).join('; ')}`,
          )
      },
      proof.config.maxTimeMs,
    )
    for (const fault of faults) {
      test(
        `fault ${fault.id} breaks exactly ${[...fault.breaks].sort().join(', ')}`,
        async () => {
          const { want, got } = await proveFault(proof, fault).catch((err: unknown) => {
            throw err instanceof UsageError ? oneLine(err.message) : err
          })
          if (got.join() !== want.join()) {
            const err = oneLine(
              `fault ${fault.id} should break exactly ${want.join(', ')}; it broke ${got.join(', ') || 'nothing'}`,
            )
            throw Object.assign(err, { expected: want, actual: got, showDiff: true })
          }
        },
        proof.config.maxTimeMs,
      )
    }
    test('every check of yours is broken by one of your faults', () => {
      const unproven = unprovenChecks(proof, faults)
      if (unproven.length)
        throw oneLine(
          `${unproven.join(', ')} ${unproven.length > 1 ? 'are' : 'is'} broken by none of your faults: write a fault (defineFault) that makes ${unproven.length > 1 ? 'each' : 'it'} fail, or the check cannot fail`,
        )
    })
  })
}

/** Definitions as handed over: an array (of definitions or modules) or one module's exports. */
function definitionsOf(v: Definitions) {
  return exportedDefinitions(Array.isArray(v) ? { default: v } : (v as Record<string, unknown>))
}
