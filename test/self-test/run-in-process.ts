// Runs the suite's flows in this process against the reference endpoint started with the given faults: the
// self-tests' fast path (publint-style fixtures: a fault in, failing ids out). The CLI's own contract (exit codes,
// signals, files written) is proven by the few tests that still start it as a child process.
import { runConfig } from '../../helpers/config/run.ts'
import type { RunConfig } from '../../helpers/config/run.ts'
import { resolveProfile } from '../../helpers/connect/profile-types.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { newRunId, runPrefix } from '../../helpers/entra/run-prefix.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { CheckResult, LeftoverResource } from '../../helpers/model/result.ts'
import { runnerOptions, runSuite } from '../../helpers/suite/run-suite.ts'
import { RUNNER_STEPS } from '../../helpers/steps/runner-steps.ts'
import { openTarget } from '../../helpers/connect/open-target.ts'
import type { Fault } from '../../server/faults/define-fault.ts'
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts'
import { catalog } from '../../specs/catalog.ts'
import { flows } from '../../specs/flows.ts'

export interface InProcessRun {
  config: RunConfig
  checks: CheckResult[]
  exchanges: Exchange[]
  leftovers: LeftoverResource[]
  crash?: string
}

/**
 * Parses `args` as `scim-preflight run` would (so the defaults are the CLI's), starts the reference endpoint with
 * `faults` (or uses `server`), runs every selected flow and stops the endpoint it started.
 */
export async function runInProcess(
  args: string[],
  opts: { faults?: readonly Fault[]; server?: RunningServer; oauth?: StartOptions['oauth'] } = {},
): Promise<InProcessRun> {
  const command = runConfig(args, { NO_COLOR: '1' })
  if (command.kind !== 'run') throw new Error(`'${args.join(' ')}' is not a run`)
  const config = command.config
  // The target module as every command uses it: the built-in endpoint (with the fault) or the given server, then the preflight.
  const target = await openTarget(config, {
    embedded: async (o) =>
      opts.server
        ? {
            url: opts.server.url,
            token: opts.server.token,
            ...(opts.server.tokenUrl ? { tokenUrl: opts.server.tokenUrl } : {}),
            close: async () => undefined,
          }
        : startServer({ ...o, faults: opts.faults, oauth: o.oauth ?? opts.oauth }),
  })
  try {
    const checked = await target.preflight({ authOnly: true })
    const profile = await resolveProfile(target.client, loadProfile(config.profile))
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      options: runnerOptions(config, profile),
      flows,
      catalog,
      client: target.client,
      profile,
      runPrefix: runPrefix(newRunId()),
      signal: new AbortController().signal,
      tokens: target.tokens,
      credentialProblem: checked.kind === 'auth-only' ? checked.reason : undefined,
    })
    return {
      config,
      checks: suite.checks,
      exchanges: suite.exchanges,
      leftovers: suite.leftovers,
      ...(suite.crash ? { crash: suite.crash } : {}),
    }
  } finally {
    await target.close()
  }
}

export function checkIdsWith(checks: readonly CheckResult[], outcome: CheckResult['outcome']): string[] {
  return [...new Set(checks.filter((c) => c.outcome === outcome).map((c) => c.id))].sort()
}
