// The prediction written in Microsoft's own shapes, next to the other reports: the Logic App's Final_TestResults
// (Orchestrator_Workflow.json's Compose_Final_TestResults: testResults, childWorkflowRunLinks, overallResult) and
// the SCIM Validator's results file (its overall flag SFComplianceFailed). Each file says it is a prediction.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PredictedTest, PredictedTool, RunResult } from '../model/result.ts'
import { KNOWN_ISSUES_URL, LOGIC_APP_TESTS } from './logic-app-tests.ts'

export const LOGIC_APP_FILE = 'microsoft-logic-app-result.json'
export const VALIDATOR_FILE = 'microsoft-scim-validator-result.json'

const ENGINE = new Set(LOGIC_APP_TESTS.filter((t) => t.workflow !== 'SCIMTests_Workflow').map((t) => t.name))

function errorDetails(t: PredictedTest): unknown {
  if (t.status !== 'fail' && t.status !== 'warning') return ''
  // Engine tests carry the provisioning log and the SCIM check; SCIM tests a summary (SCIMTests_Workflow.json).
  return ENGINE.has(t.name) ? { provisioningLogs: 'not predictable offline', scimCheck: t.why } : { summary: t.why }
}

/** Final_TestResults as the Logic App composes it, predicted; `scimPreflight` holds what Microsoft's shape has no place for. */
export function logicAppFile(tool: PredictedTool, run: Pick<RunResult, 'run'>): unknown {
  return {
    testResults: tool.tests.map((t) => ({
      testName: t.name,
      testCategory: t.category,
      testResult: t.result,
      provisioningErrorDetails: errorDetails(t),
      recommendationUrl: t.status === 'fail' || t.status === 'warning' ? KNOWN_ISSUES_URL : '',
      // No Logic App ran, so there is no run to link to.
      runLink: '',
      message: '',
    })),
    childWorkflowRunLinks: {
      Initialization_Workflow: '',
      UserTests_Workflow: '',
      GroupTests_Workflow: '',
      SCIMTests_Workflow: '',
    },
    overallResult: tool.overall,
    scimPreflight: {
      predicted: true,
      note: "Predicted by scim-preflight from an offline run; not a result of Microsoft's Logic App. runLink is empty because no Logic App ran.",
      runId: run.run.runId,
      target: run.run.target,
      caveats: tool.caveats,
      // What the run warned of (e.g. --insecure) travels with any file a reader may take as a verdict.
      notices: run.run.notices,
      tests: tool.tests.map((t) => ({
        testName: t.name,
        status: t.status,
        why: t.why,
        checks: t.checks,
        ...(t.offline ? { notPredictableOffline: t.offline } : {}),
      })),
    },
  }
}

/** The Validator's results, predicted: SFComplianceFailed is its documented flag; the per-test keys are ours. */
export function validatorFile(tool: PredictedTool, run: Pick<RunResult, 'run'>): unknown {
  return {
    SFComplianceFailed: tool.overall === 'Compliant' ? false : tool.overall === 'Not compliant' ? true : null,
    scimPreflight: {
      predicted: true,
      note: "Predicted by scim-preflight from an offline run; not a result of Microsoft's SCIM Validator. SFComplianceFailed is null when a required test could not be predicted.",
      runId: run.run.runId,
      target: run.run.target,
      caveats: tool.caveats,
      // What the run warned of (e.g. --insecure) travels with any file a reader may take as a verdict.
      notices: run.run.notices,
    },
    tests: tool.tests.map((t) => ({
      name: t.name,
      category: t.category === 'required' ? 'Required' : 'Preview',
      result: t.result,
      why: t.why,
      checks: t.checks,
    })),
  }
}

/** Writes both files into the run's report folder; returns their paths. */
export async function writePredictionFiles(run: RunResult, dir: string): Promise<string[]> {
  if (!run.prediction) return []
  const out: string[] = []
  await mkdir(join(dir, run.run.runId), { recursive: true })
  for (const tool of run.prediction.tools) {
    const [name, body] =
      tool.tool === 'logic-app' ? [LOGIC_APP_FILE, logicAppFile(tool, run)] : [VALIDATOR_FILE, validatorFile(tool, run)]
    const path = join(dir, run.run.runId, name)
    await writeFile(path, `${JSON.stringify(body, null, 2)}\n`)
    tool.file = name
    out.push(path)
  }
  return out
}
