// Starts the CLI as a child process that the test can signal (Ctrl-C, SIGTERM, SIGKILL) part-way through.
import { spawn, type ChildProcess } from 'node:child_process'
import { BIN, CI_VARIABLES, ROOT } from '../self-test/run-cli.ts'

export interface Spawned {
  child: ChildProcess
  /** Resolves with the exit code (or the signal name when killed outright). */
  exit: Promise<number | string>
  output(): { stdout: string; stderr: string }
}

export function spawnCli(args: string[], env: Record<string, string>): Spawned {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('SCIM_') && !CI_VARIABLES.includes(k) && !/^(https?|no)_proxy$/i.test(k),
    ),
  )
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const exit = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  return { child, exit, output: () => ({ stdout, stderr }) }
}

/** Resolves once `condition` holds, checking every 10 ms (the test's own timeout bounds the wait). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10))
}
