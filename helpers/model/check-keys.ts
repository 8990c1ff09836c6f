// How checks are named across the run: the run-wide server-error check, and a check's identity per dialect.
import type { CheckResult } from './result.ts'

/** The run-wide check that every 5xx and dropped connection is one cause of (specs/run/checks.ts): the checks that
 * needed a lost answer are blocked by it. */
export const SERVER_ERRORS_CHECK = 'run/no-server-errors'

/** Identity of a check within a run: the same id runs once per dialect. */
export const checkKey = (c: Pick<CheckResult, 'id' | 'dialect'>): string =>
  c.dialect ? `${c.id} [${c.dialect}]` : c.id
