// The only module that reads the environment, `.env` and command-line flags: it turns a command line into one
// command with its typed configuration. Flags win over the environment, which wins over `.env`. Every bad value
// becomes a one-line UsageError (exit 2).
import { UsageError } from '../errors.ts'
import { cleanupConfig, type CleanupConfig } from './cleanup.ts'
import { diagnoseConfig, type DiagnoseConfig } from './diagnose.ts'
import { loadEnvironment } from './environment.ts'
import { HELP } from './help.ts'
import { loadCommand, type LoadConfig } from './load.ts'
import { parse, type Options } from './parse.ts'
import { runConfig, type RunConfig } from './run.ts'
import { serveConfig, type ServeConfig } from './serve.ts'

export type Command =
  | { kind: 'run'; config: RunConfig }
  | { kind: 'load'; config: LoadConfig }
  | { kind: 'list'; markdown: boolean; json: boolean }
  | { kind: 'serve'; config: ServeConfig }
  | { kind: 'diagnose'; config: DiagnoseConfig }
  | { kind: 'cleanup'; config: CleanupConfig }
  | { kind: 'help'; text: string }
  | { kind: 'version' }

export const LIST_OPTIONS = {
  markdown: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

/** Parses a whole command line (without `node` and the script). */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Command {
  const merged = loadEnvironment(env, cwd)
  const [first, ...rest] = argv
  if (first === '--version' || first === '-v') return { kind: 'version' }
  if (first === 'help') return { kind: 'help', text: HELP }
  if (first === 'run') return runConfig(rest, merged)
  if (first === 'serve') return serveConfig(rest, merged)
  if (first === 'diagnose') return diagnoseConfig(rest, merged)
  if (first === 'load') return loadCommand(rest, merged)
  if (first === 'cleanup') return cleanupConfig(rest, merged)
  if (first === 'list') {
    const { values } = parse(LIST_OPTIONS, rest)
    if (values.help) return { kind: 'help', text: HELP }
    return { kind: 'list', markdown: values.markdown === true, json: values.json === true }
  }
  if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command '${first}': commands are run, list, serve, diagnose, load, cleanup; run 'scim-preflight --help'`)
  }
  return runConfig(argv, merged)
}
