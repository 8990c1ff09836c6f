// One console line for the prediction, so a vendor sees it without opening a file (the reports place it; i24's ordering may move it).
import type { PredictedTool, ValidationPrediction } from '../model/result.ts'

function counts(tool: PredictedTool): string {
  const n = (s: string) => tool.tests.filter((t) => t.status === s).length
  const parts = [
    `${n('pass')} success`,
    n('fail')
      ? `${n('fail')} failed (${tool.tests
          .filter((t) => t.status === 'fail')
          .map((t) => t.name)
          .join(', ')})`
      : '',
    n('warning') ? `${n('warning')} warning` : '',
    n('skipped') ? `${n('skipped')} skipped` : '',
    n('not-predictable') ? `${n('not-predictable')} not predictable` : '',
  ]
  return parts.filter(Boolean).join(', ')
}

export function predictionLine(prediction: ValidationPrediction | undefined): string | undefined {
  if (!prediction) return undefined
  const [la, sv] = [
    prediction.tools.find((t) => t.tool === 'logic-app'),
    prediction.tools.find((t) => t.tool === 'scim-validator'),
  ]
  const parts: string[] = []
  // Orchestrator_Workflow fails a run in which neither authentication test passed; Microsoft still accepts it for submission.
  const authOnly = la?.overall === 'Failed' && !la.tests.some((t) => t.status === 'fail')
  if (la)
    parts.push(
      `Logic App overallResult "${la.overall}" (${counts(la)}${authOnly ? '; "Failed" only because no authentication test passed with a static token, which Microsoft documents as still submittable' : ''})`,
    )
  if (sv) parts.push(`SCIM Validator ${sv.overall.toLowerCase()} (${counts(sv)})`)
  const builtIn = la?.caveats.some((c) => c.includes('built-in reference endpoint'))
    ? ' for the built-in reference endpoint'
    : ''
  return `Microsoft's validation, predicted${builtIn}: ${parts.join('; ')}. A prediction: provision on demand and the provisioning logs are not predictable offline.`
}
