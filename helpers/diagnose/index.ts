// Offline half of `scim-preflight diagnose`: Entra code knowledge, provisioning logs, job status and ranked causes.
export { DiagnoseInputError } from './errors.ts'
export {
  allReproducers,
  lookupErrorCode,
  lookupQuarantineReason,
  provisioningErrorCodes,
  quarantineReasons,
  type CodeInfo,
  type ProvisioningErrorCode,
  type QuarantineReason,
  type ReproducerCheckId,
  type RetryInfo,
} from './entra-codes.ts'
export {
  assessQuarantineThresholds,
  THRESHOLDS,
  type ThresholdAssessment,
  type ThresholdInput,
  type ThresholdName,
} from './thresholds.ts'
export { isReferenceFailure, type EventStatus, type ProvisioningEvent } from './log-event.ts'
export type { LogFormat, SourceInfo } from './log-sources.ts'
export { readProvisioningLogs, type FailureExample, type FailureGroup, type LogAggregate } from './logs.ts'
export {
  backoffPosition,
  explainJobStatus,
  readJobStatus,
  type BackoffPosition,
  type JobStatusReport,
  type RestartAdvice,
  type SyncError,
} from './job-status.ts'
export { rankCauses, reproduceCommand, type CauseInput, type LikelyCause, type ProbeFinding } from './causes.ts'
