// Report-side configuration errors (bad --report list, bad waivers file). The CLI prints them on one line and exits 2.
import { UsageError } from '../errors.ts'

/** A configuration problem the user can fix; a UsageError, so the CLI's existing handling applies. */
export class ConfigError extends UsageError {
  override name = 'ConfigError'
}
