// Runs the suite's flows in this process against the reference endpoint started with the given faults: the
// self-tests' fast path (publint-style fixtures: a fault in, failing ids out). The CLI's own contract (exit codes,
// signals, files written) is proven by the few tests that still start it as a child process.
import { runConfig } from '../../helpers/config/run.ts'
import type { RunConfig } from '../../helpers/config/run.ts'
import { credentialProblem, TokenSource } from '../../helpers/client/oauth.ts'
import { ScimClient } from '../../helpers/client/scim-client.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { newRunId, runPrefix } from '../../helpers/entra/run-prefix.ts'
import type { CheckResult, LeftoverResource } from '../../helpers/result/model.ts'
import { runSuite } from '../../helpers/suite/run-suite.ts'
import type { Fault } from '../../server/faults/define-fault.ts'
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts'
import { catalog } from '../../specs/catalog.ts'
import { flows } from '../../specs/flows.ts'

export interface InProcessRun {
  config: RunConfig
  checks: CheckResult[]
  leftovers: LeftoverResource[]
  crash?: string
}

/**
 * Parses `args` as `scim-preflight run` would (so the defaults are the CLI's), starts the reference endpoint with
 * `faults` (or uses `server`), runs every selected flow and stops the endpoint it started.
 */
export async function runInProcess(args: string[], opts: { faults?: readonly Fault[]; server?: RunningServer; oauth?: StartOptions['oauth'] } = {}): Promise<InProcessRun> {
  const command = runConfig(args, { NO_COLOR: '1' })
  if (command.kind !== 'run') throw new Error(`'${args.join(' ')}' is not a run`)
  const config = command.config
  const server = opts.server ?? await startServer({ token: `in-process-${newRunId()}${newRunId()}`, faults: opts.faults, oauth: config.oauth ?? opts.oauth })
  try {
    const tokenUrl = config.oauth?.tokenUrl ?? server.tokenUrl
    const tokens = config.oauth && tokenUrl ? new TokenSource({ ...config.oauth, tokenUrl }) : undefined
    const token = tokens ? undefined : config.token ?? server.token
    const client: ScimClient = new ScimClient({
      ...config,
      baseUrl: config.baseUrl ?? server.url,
      token: tokens ? () => tokens.token(client) : async () => token,
      secrets: () => [token ?? '', config.oauth?.clientSecret ?? '', ...(tokens?.secrets ?? [])],
      readOnly: config.readOnly,
    })
    const noCredential = tokens ? await credentialProblem(client, tokens) : undefined
    const suite = await runSuite({
      config,
      flows,
      catalog,
      client,
      profile: loadProfile(config.profile),
      runPrefix: runPrefix(newRunId()),
      signal: new AbortController().signal,
      tokens,
      credentialProblem: noCredential,
    })
    return { config, checks: suite.checks, leftovers: suite.leftovers, ...(suite.crash ? { crash: suite.crash } : {}) }
  } finally {
    if (!opts.server) await server.close()
  }
}

export function checkIdsWith(checks: readonly CheckResult[], outcome: CheckResult['outcome']): string[] {
  return [...new Set(checks.filter((c) => c.outcome === outcome).map((c) => c.id))].sort()
}
