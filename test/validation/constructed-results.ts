// CONSTRUCTED example results of Microsoft's validation, built from Microsoft's documented shapes (the Logic App
// template's Orchestrator_Workflow.json Final_TestResults, ValidateLogicAppRun-Standard.ps1's
// validation-result-<RunId>.json) and, for the SCIM Validator, from published runs (its SFComplianceFailed flag).
// None of these is a captured run.
import { LOGIC_APP_TESTS, KNOWN_ISSUES_URL, RUN_LINK_MESSAGE } from '../../helpers/validation/logic-app-tests.ts'

type Overrides = Record<string, { testResult: string; provisioningErrorDetails?: unknown }>

/** Final_TestResults with every test `success` unless overridden (manager mapped, OAuth configured, no federation). */
export function finalTestResults(over: Overrides = {}, overallResult?: string): Record<string, unknown> {
  const testResults = LOGIC_APP_TESTS.map((t) => {
    const o = over[t.name] ?? {
      testResult:
        t.name === 'Federated_Identity_Test'
          ? 'SKIPPED'
          : t.name === 'Restore_User_Test'
            ? 'success (SoftDeleteRestore)'
            : t.name === 'Restore_Group_Test'
              ? 'success (UnassignReassign)'
              : 'success',
    }
    const skipped = /^skipped/i.test(o.testResult)
    const failed = !/^(success|skipped)/i.test(o.testResult)
    return {
      testName: t.name,
      testCategory: t.category,
      testResult: o.testResult,
      provisioningErrorDetails: failed ? (o.provisioningErrorDetails ?? 'Scope execution failed') : '',
      recommendationUrl: failed ? KNOWN_ISSUES_URL : '',
      runLink: skipped
        ? ''
        : `https://portal.azure.com/#view/Microsoft_Azure_EMA/DesignerEditor.ReactView/id/x/workflows/${t.workflow}/location/westus/isReadOnly~/false/isMonitoringView~/true/runId/08584400000000000001`,
      message: skipped ? '' : RUN_LINK_MESSAGE,
    }
  })
  const anyFailed = Object.values(over).some((o) => /^FAILED/i.test(o.testResult))
  return {
    testResults,
    childWorkflowRunLinks: {
      Initialization_Workflow: 'https://portal.azure.com/#view/...',
      UserTests_Workflow: '...',
      GroupTests_Workflow: '...',
      SCIMTests_Workflow: '...',
    },
    overallResult: overallResult ?? (anyFailed ? 'Failed' : 'Succeeded'),
  }
}

/** validation-result-<RunId>.json around a Final_TestResults, with the run's parameters (secrets masked). */
export function validationResultFile(
  final: Record<string, unknown>,
  parameters: Record<string, unknown>,
): Record<string, unknown> {
  const tests = final.testResults as { testResult: string }[]
  return {
    validationResult: final.overallResult === 'Succeeded' ? 'PASSED' : 'FAILED',
    runStatus: final.overallResult,
    overallResultFromTests: final.overallResult,
    validationChecks: {
      noFailedActions: false,
      noFailedTests: false,
      templateStructureValid: true,
      requiredStagesExecuted: true,
      allTemplateActionsExecuted: true,
    },
    timestamp: '2026-09-01T10:00:00Z',
    runId: '08584400000000000001',
    logicAppName: 'scim-validation',
    resourceGroup: 'rg',
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    parameters,
    testSummary: {
      total: tests.length,
      success: tests.filter((t) => /^success/i.test(t.testResult)).length,
      failed: tests.filter((t) => !/^(success|SKIPPED$)/i.test(t.testResult)).length,
      skipped: tests.filter((t) => t.testResult === 'SKIPPED').length,
    },
    testResults: final.testResults,
    failedActions: [],
  }
}

/** A SCIM Validator results file: the published flag and one entry per test (per-test key names as published runs show them, unverified). */
export function validatorResults(failures: Record<string, string> = {}): Record<string, unknown> {
  const names = [
    'Create a new User',
    'Create a duplicate User',
    'Filter for an existing user',
    'Filter for a non-existing user',
    'Patch User - Disable User',
    'Delete a User',
    'Create a new Group',
    'Patch Group - Add Member',
  ]
  return {
    SFComplianceFailed: Object.keys(failures).length > 0,
    CorrelationId: '5b1f0e53-0000-0000-0000-000000000000',
    Results: names.map((name) => ({
      Name: name,
      Category: 0,
      Passed: !(name in failures),
      InitialResponseStatuses: ['201 Created', '204 NoContent'],
      ...(name in failures ? { Message: failures[name] } : {}),
    })),
  }
}
