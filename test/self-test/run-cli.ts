// Runs the CLI as a user would (a child process) and reads the report it wrote.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '../../helpers/model/result.ts'

export const ROOT = new URL('../../', import.meta.url).pathname
export const BIN = join(ROOT, 'cli/bin.js')

/** Client credentials for the built-in endpoint's token endpoint (runs in OAuth mode, chosen explicitly with --built-in). */
export const OAUTH_CLIENT = { clientId: 'spf-self-test-client', clientSecret: 'spf-self-test-secret~Q8x+/=' }
export const OAUTH_ARGS = [
  '--built-in',
  '--client-id',
  OAUTH_CLIENT.clientId,
  '--client-secret',
  OAUTH_CLIENT.clientSecret,
]
/** Client credentials plus workload identity federation with a key pair made for the run (the built-in endpoint trusts its public half). */
export const FEDERATION_ARGS = [...OAUTH_ARGS, '--wif-key', 'generate']
/** Client credentials with a second active secret (rotation). */
export const SECOND_SECRET = 'spf-self-test-secret-2~R7y'
export const ROTATION_ARGS = [...OAUTH_ARGS, '--client-secret-2', SECOND_SECRET]
/** The arguments the self-test runs a fault with, by its mode. */
export const MODE_ARGS = { oauth: OAUTH_ARGS, federation: FEDERATION_ARGS, rotation: ROTATION_ARGS } as const

/** What a CI runner sets that changes what the CLI does (no built-in endpoint without --built-in, the step summary). */
export const CI_VARIABLES = ['CI', 'TF_BUILD', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT']

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `scim-preflight <args>` with a clean SCIM_* environment (plus `env`), its console 1000 columns wide so the
 * tests read each line whole (COLUMNS; test/report/order.test.ts and the SCIMMY test check the wrapping). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  // A proxy from the developer's shell must not carry the tests' 127.0.0.1 traffic; proxy tests pass their own.
  // CI and TF_BUILD (a CI runner's) would refuse the built-in endpoint: the tests that mean CI set them themselves.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('SCIM_') && !CI_VARIABLES.includes(k) && !/^(https?|no)_proxy$/i.test(k),
    ),
  )
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: opts.cwd ?? ROOT,
        env: { ...base, NO_COLOR: '1', COLUMNS: '1000', ...env },
        timeout: opts.timeoutMs ?? 170_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Runs the suite into a fresh report folder and returns the exit code and the parsed report.json. */
export function runSuiteCli(
  args: string[],
  env: Record<string, string> = {},
  opts: { timeoutMs?: number } = {},
): Promise<CliResult & { report: RunResult }> {
  return runCliReport(args, 'json', env, opts)
}

/** Runs a command that writes report.json (`run`, `diagnose`) with these formats, reads the report, removes the folder. */
export async function runCliReport(
  args: string[],
  formats: string,
  env: Record<string, string> = {},
  opts: { timeoutMs?: number } = {},
): Promise<CliResult & { report: RunResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'spf-report-'))
  try {
    const result = await runCli([...args, '--report', formats, '--report-dir', dir], env, opts)
    const runDir = readdirSync(dir).find((d) => !d.startsWith('latest'))
    if (!runDir) throw new Error(`no report written (exit ${result.code}): ${result.stderr}${result.stdout}`)
    const report = JSON.parse(readFileSync(join(dir, runDir, 'report.json'), 'utf8')) as RunResult
    return { ...result, report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function idsWith(report: RunResult, outcome: string): string[] {
  return [...new Set(report.checks.filter((c) => c.outcome === outcome).map((c) => c.id))].sort()
}
