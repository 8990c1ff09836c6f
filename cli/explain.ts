// `scim-preflight explain FILE`: reads a real result of Microsoft's validation, explains each failure, and with a
// target re-runs exactly the checks behind the failed tests (helpers/validation/explain.ts).
import { existsSync, readFileSync } from 'node:fs'
import { rerunConfig, type ExplainConfig } from '../helpers/config/explain.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { resolveProfile } from '../helpers/connect/profile-types.ts'
import { loadProfile } from '../helpers/entra/load-profile.ts'
import { newRunId } from '../helpers/entra/run-prefix.ts'
import { runnerOptions, runSuite } from '../helpers/suite/run-suite.ts'
import { openTarget } from '../helpers/connect/open-target.ts'
import { Lifecycle } from '../helpers/connect/lifecycle.ts'
import { applyRerun, explainResult, type Explanation } from '../helpers/validation/explain.ts'
import { renderExplanationConsole } from '../helpers/validation/explain-console.ts'
import { failingFailures, nothingJudged } from '../helpers/validation/explain-order.ts'
import { writeExplanation } from '../helpers/validation/explain-write.ts'
import { toolVersion } from '../helpers/model/run-stamp.ts'
import { readValidationResult } from '../helpers/validation/read-result.ts'
import { catalog } from '../specs/catalog.ts'
import { flows } from '../specs/flows.ts'
import { RUNNER_STEPS } from '../helpers/steps/runner-steps.ts'

export async function explainCommand(config: ExplainConfig): Promise<number> {
  if (!existsSync(config.file))
    throw new UsageError(
      `'${config.file}' does not exist: give the Logic App's Final_TestResults (or validation-result-<RunId>.json) or the SCIM Validator's results file`,
    )
  const read = readValidationResult(readFileSync(config.file, 'utf8'), config.file)
  let explanation = explainResult(read, config.file, { url: config.baseUrl })
  const behind = [...new Set(explanation.failures.flatMap((f) => f.checks))]
  let signalExit: number | undefined
  if (config.baseUrl && behind.length) ({ explanation, signalExit } = await rerun(config, explanation, behind))

  const written = await writeExplanation(explanation, {
    dir: config.reportDir,
    id: newRunId(),
    formats: config.formats,
    githubStepSummary: config.githubStepSummary,
    version: toolVersion(),
  })
  if (config.formats.includes('console')) {
    const files = written.filter((p) => p !== config.githubStepSummary)
    process.stdout.write(
      `${renderExplanationConsole(explanation)}\n${files.length ? `Reports: ${files.join(', ')}\n` : ''}`,
    )
  }
  if (signalExit !== undefined) return signalExit
  return failingFailures(explanation).length || nothingJudged(explanation) ? 1 : 0
}

/** Re-runs the checks behind the failed tests against the target: the run's life as `run`'s (Ctrl-C and --max-time
 * stop it and delete what it created; a second Ctrl-C leaves at once). The signal's exit code, when one stopped it. */
async function rerun(
  config: ExplainConfig,
  e: Explanation,
  only: string[],
): Promise<{ explanation: Explanation; signalExit?: number }> {
  const runCfg = rerunConfig(config, only)
  const abort = new AbortController()
  const target = await openTarget(runCfg, { signal: abort.signal })
  let begun = false
  const life = new Lifecycle({
    maxTimeMs: runCfg.maxTimeMs,
    stop: (why) => abort.abort(new Error(why)),
    created: () => begun,
  })
  try {
    const checked = await target.preflight({ authOnly: true })
    const profile = await resolveProfile(target.client, loadProfile(runCfg.profile))
    life.begin()
    begun = true
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      options: runnerOptions(runCfg, profile),
      flows,
      catalog,
      client: target.client,
      profile,
      runPrefix: life.prefix,
      signal: abort.signal,
      tokens: target.tokens,
      credentialProblem: checked.kind === 'auth-only' ? checked.reason : undefined,
    })
    const outcomes = new Map<string, string[]>()
    for (const c of suite.checks) outcomes.set(c.id, [...(outcomes.get(c.id) ?? []), c.outcome])
    return { explanation: applyRerun(e, outcomes, target.baseUrl), signalExit: life.signalExit }
  } finally {
    life.dispose()
    await target.close()
  }
}
