// The run prefix every resource name of a run starts with, apart from the test data (and its faker), so the
// command-line parser can name it without loading the data generator.
import { randomUUID } from 'node:crypto'

export const RUN_PREFIX_STEM = 'spf'

/** A fresh run id: lower-case letters and digits, short enough to read in a userName. */
export function newRunId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 8)
}

export function runPrefix(runId: string): string {
  return `${RUN_PREFIX_STEM}-${runId}`
}
