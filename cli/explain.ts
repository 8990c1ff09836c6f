// `scim-preflight explain FILE`: reads a real result of Microsoft's validation, explains each failure, and with a
// target re-runs exactly the checks behind the failed tests (helpers/validation/explain.ts).
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { rerunConfig, type ExplainConfig } from '../helpers/config/explain.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { resolveProfile } from '../helpers/connect/profile-types.ts'
import { loadProfile } from '../helpers/entra/load-profile.ts'
import { newRunId, runPrefix } from '../helpers/entra/test-data.ts'
import { runSuite } from '../helpers/suite/run-suite.ts'
import { openTarget } from '../helpers/connect/open-target.ts'
import { applyRerun, explainResult, renderExplanationConsole, type Explanation } from '../helpers/validation/explain.ts'
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
  if (config.baseUrl && behind.length) explanation = await rerun(config, explanation, behind)

  if (config.formats.includes('json')) {
    const dir = join(config.reportDir, `explain-${newRunId()}`)
    await mkdir(dir, { recursive: true })
    const path = join(dir, 'explanation.json')
    await writeFile(path, `${JSON.stringify(explanation, null, 2)}\n`)
    if (config.formats.includes('console'))
      process.stdout.write(`${renderExplanationConsole(explanation)}\nReport: ${path}\n`)
  } else if (config.formats.includes('console')) {
    process.stdout.write(`${renderExplanationConsole(explanation)}\n`)
  }
  const standing = explanation.rerun
    ? explanation.failures.some((f) => f.reproduces === 'yes')
    : explanation.failures.some((f) => f.kind === 'defect')
  return standing ? 1 : 0
}

async function rerun(config: ExplainConfig, e: Explanation, only: string[]): Promise<Explanation> {
  const runCfg = rerunConfig(config, only)
  const target = await openTarget(runCfg, {})
  try {
    const checked = await target.preflight({ authOnly: true })
    const suite = await runSuite({
      steps: RUNNER_STEPS,
      config: runCfg,
      flows,
      catalog,
      client: target.client,
      profile: await resolveProfile(target.client, loadProfile(runCfg.profile)),
      runPrefix: runPrefix(newRunId()),
      signal: new AbortController().signal,
      tokens: target.tokens,
      credentialProblem: checked.kind === 'auth-only' ? checked.reason : undefined,
    })
    const outcomes = new Map<string, string[]>()
    for (const c of suite.checks) outcomes.set(c.id, [...(outcomes.get(c.id) ?? []), c.outcome])
    return applyRerun(e, outcomes, target.baseUrl)
  } finally {
    await target.close()
  }
}
