// `scim-preflight cleanup`: which run's leftovers to delete, on which target.
import { RUN_PREFIX_STEM } from '../entra/run-prefix.ts'
import { UsageError } from '../model/errors.ts'
import { CLEANUP_HELP } from './command-help.ts'
import { parse, type Env, type Options, type HelpCommand } from './parse.ts'
import { TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

export interface CleanupConfig extends TargetConfig {
  baseUrl: string
  /** Delete resources of this run prefix (`spf-<run id>`); absent with --all-runs. */
  runPrefix?: string
  allRuns: boolean
  /** Delete without asking. */
  yes: boolean
}

export const CLEANUP_OPTIONS = {
  ...TARGET_OPTIONS,
  run: { type: 'string' },
  'all-runs': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

/** `spf-<run id>` or the bare run id, as printed at the start of a run. */
export function parseRunPrefix(text: string): string {
  const m = new RegExp(`^(?:${RUN_PREFIX_STEM}-)?([0-9a-f]{8})$`).exec(text.trim())
  if (!m)
    throw new UsageError(
      `--run '${text}' is not a run prefix: give the ${RUN_PREFIX_STEM}-<run id> a run printed (e.g. ${RUN_PREFIX_STEM}-1a2b3c4d)`,
    )
  return `${RUN_PREFIX_STEM}-${m[1]}`
}

export function cleanupConfig(args: string[], env: Env): { kind: 'cleanup'; config: CleanupConfig } | HelpCommand {
  const { values } = parse(CLEANUP_OPTIONS, args)
  if (values.help) return { kind: 'help', text: CLEANUP_HELP }
  const target = targetConfig(values, env)
  if (!target.baseUrl)
    throw new UsageError('cleanup needs the target: pass --url and --token (or set SCIM_BASE_URL and SCIM_TOKEN)')
  if ((values.run === undefined) === (values['all-runs'] !== true)) {
    throw new UsageError(
      'cleanup needs exactly one of --run spf-<run id> (one run) or --all-runs (every scim-preflight run)',
    )
  }
  return {
    kind: 'cleanup',
    config: {
      ...target,
      baseUrl: target.baseUrl,
      ...(values.run !== undefined ? { runPrefix: parseRunPrefix(values.run) } : {}),
      allRuns: values['all-runs'] === true,
      yes: values.yes === true,
    },
  }
}
