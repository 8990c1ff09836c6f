// scim-preflight's entry point: parses the command line (helpers/config/) and dispatches. Usage errors
// and unreachable targets are one line on stderr and exit 2, never a stack trace.
import { parseCommand } from '../helpers/config/command.ts'
import { HELP } from '../helpers/config/help.ts'
import { UnreachableError, UsageError } from '../helpers/model/errors.ts'
import { toolVersion } from '../helpers/model/run-stamp.ts'

// A reader that stops early (`| head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}

async function main(): Promise<number> {
  const notices: string[] = []
  const command = parseCommand(process.argv.slice(2), process.env, process.cwd(), notices)
  for (const notice of notices) process.stderr.write(`scim-preflight: ${notice}\n`)
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${command.text ?? HELP}\n`)
      return 0
    case 'version':
      process.stdout.write(`scim-preflight ${toolVersion()}\n`)
      return 0
    case 'list':
      return (await import('./list.ts')).listCommand(command)
    case 'serve':
      return (await import('./serve.ts')).serveCommand(command.config)
    case 'cleanup':
      return (await import('./cleanup.ts')).cleanupCommand(command.config)
    case 'run':
      return (await import('./run.ts')).runCommand(command.config)
    case 'diagnose':
      return (await import('./diagnose.ts')).diagnoseCommand(command.config)
    case 'load':
      return (await import('./load.ts')).loadCommand(command.config)
    case 'explain':
      return (await import('./explain.ts')).explainCommand(command.config)
  }
}

/**
 * Ends the process once what it printed has left the buffers. Every command has awaited its own work by now, so all
 * that is left is Node's teardown of the heap, a last full collection the process does not need (about 20 ms after a
 * run).
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0)
  if (pending.length === 0) process.exit(code)
  let left = pending.length
  for (const stream of pending)
    stream.once('drain', () => {
      if (--left === 0) process.exit(code)
    })
}

main().then(
  (code) => exitWhenWritten(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof UnreachableError) {
      process.stderr.write(`scim-preflight: ${err.message}\n`)
    } else {
      process.stderr.write(`scim-preflight: internal error: ${(err as Error)?.stack ?? String(err)}\n`)
    }
    process.exitCode = 2
  },
)
