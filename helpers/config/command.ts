// The only module that reads the environment, `.env` and command-line flags: it turns a command line into one
// command with its typed configuration. Flags win over the environment, which wins over `.env`. Every bad value
// becomes a one-line UsageError (exit 2).
import { UsageError } from '../model/errors.ts'
import { cleanupConfig, type CleanupConfig } from './cleanup.ts'
import { diagnoseConfig, type DiagnoseConfig } from './diagnose.ts'
import { EXPLAIN_HELP, explainConfig, type ExplainConfig } from './explain.ts'
import { readDotEnv } from './environment.ts'
import { checkReportDir } from './report-dir.ts'
import { HELP } from './help.ts'
import { CLEANUP_HELP, COMMANDS_ARE, DIAGNOSE_HELP, LIST_HELP, SERVE_HELP, type CommandName } from './command-help.ts'
import { LOAD_HELP, loadConfig, type LoadConfig } from './load.ts'
import { parse, type Options } from './parse.ts'
import { runConfig, type RunConfig } from './run.ts'
import { serveConfig, type ServeConfig } from './serve.ts'
import { checkEmptyVariables, checkScimVariables, ignoredVariablesNotice } from './variables.ts'

export type Command =
  | { kind: 'run'; config: RunConfig }
  | { kind: 'load'; config: LoadConfig }
  | { kind: 'list'; markdown: boolean; json: boolean }
  | { kind: 'serve'; config: ServeConfig }
  | { kind: 'diagnose'; config: DiagnoseConfig }
  | { kind: 'cleanup'; config: CleanupConfig }
  | { kind: 'explain'; config: ExplainConfig }
  | { kind: 'help'; text: string }
  | { kind: 'version' }

export const LIST_OPTIONS = {
  markdown: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

/** `scim-preflight help <command>`: the same text as `<command> --help`. */
const COMMAND_HELP: Record<CommandName, string> = {
  run: HELP,
  list: LIST_HELP,
  serve: SERVE_HELP,
  diagnose: DIAGNOSE_HELP,
  load: LOAD_HELP,
  cleanup: CLEANUP_HELP,
  explain: EXPLAIN_HELP,
}

/** `help`, `help <command>`; a name that is no command is a usage error, not the general help. */
function helpFor(name: string | undefined): string {
  if (name === undefined || name.startsWith('-')) return HELP
  if (Object.hasOwn(COMMAND_HELP, name)) return COMMAND_HELP[name as CommandName]
  throw new UsageError(`unknown command '${name}': ${COMMANDS_ARE}`)
}

/**
 * Parses a whole command line (without `node` and the script); `cwd` holds `.env` and anchors relative paths.
 * What the user should know but that does not stop the command (ignored variables) is pushed onto `notices`.
 */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv, cwd: string, notices: string[] = []): Command {
  const command = parseCommandLine(argv, env, cwd, notices)
  if (command.kind === 'run' || command.kind === 'diagnose' || command.kind === 'load' || command.kind === 'explain') {
    const { reportDir, formats } = command.config
    if ((formats as readonly string[]).some((f) => f !== 'console')) {
      const flagged = argv.some((a) => a === '--report-dir' || a.startsWith('--report-dir='))
      const source = flagged
        ? '--report-dir'
        : env.SCIM_REPORT_DIR !== undefined || readDotEnv(cwd).SCIM_REPORT_DIR !== undefined
          ? 'SCIM_REPORT_DIR'
          : 'the report folder'
      checkReportDir(reportDir, source, cwd)
    }
  }
  return command
}

function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv, cwd: string, notices: string[]): Command {
  const dotEnv = readDotEnv(cwd)
  const merged = { ...dotEnv, ...env }
  const [first, ...rest] = argv
  if (first === '--version' || first === '-v') return { kind: 'version' }
  if (first === 'help') return { kind: 'help', text: helpFor(rest[0]) }
  // A typo in a variable name must stop the command, not quietly fall back to a default (the built-in endpoint).
  if (!rest.includes('--help') && !rest.includes('-h') && first !== '--help' && first !== '-h') {
    const ignored = ignoredVariablesNotice(checkScimVariables(env, dotEnv))
    if (ignored) notices.push(ignored)
    if (first !== 'list') checkEmptyVariables(env, argv)
  }
  if (first === 'run') return runConfig(rest, merged)
  if (first === 'serve') return serveConfig(rest, merged)
  if (first === 'diagnose') return diagnoseConfig(rest, merged)
  if (first === 'load') return loadConfig(rest, merged)
  if (first === 'cleanup') return cleanupConfig(rest, merged)
  if (first === 'explain') return explainConfig(rest, merged)
  if (first === 'list') {
    const { values } = parse(LIST_OPTIONS, rest)
    if (values.help) return { kind: 'help', text: LIST_HELP }
    return { kind: 'list', markdown: values.markdown === true, json: values.json === true }
  }
  if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command '${first}': ${COMMANDS_ARE}`)
  }
  return runConfig(argv, merged)
}
