#!/usr/bin/env node
// The GitHub Action's one step (action.yml): turns the INPUT_* variables into a scim-preflight run, lets the suite
// write the step summary (it appends its Markdown report to GITHUB_STEP_SUMMARY), and writes the outputs a later step
// branches on into GITHUB_OUTPUT. It exits 0 whatever the verdict, so the reports are uploaded first; the action's
// last step fails the job with the suite's exit code. Plain JavaScript with no dependencies: it runs as shipped.
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, readlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url))
const env = process.env
const input = (name) => (env[`INPUT_${name}`] ?? '').trim()
const flag = (name) => /^(true|yes|1|on)$/i.test(input(name))

/** The suite's command line and environment from the inputs. Secrets go by environment, never by argument. */
export function commandFromInputs() {
  const reportDir = input('REPORT_DIR') || 'scim-preflight-reports'
  const args = ['run', '--report', 'console,json,junit,html,har,md', '--report-dir', reportDir]
  const scim = {}
  const set = (name, value) => {
    if (value) scim[name] = value
  }
  set('SCIM_BASE_URL', input('URL'))
  set('SCIM_TOKEN', input('TOKEN'))
  set('SCIM_TOKEN_URL', input('TOKEN_URL'))
  set('SCIM_CLIENT_ID', input('CLIENT_ID'))
  set('SCIM_CLIENT_SECRET', input('CLIENT_SECRET'))
  set('SCIM_SCOPE', input('SCOPE'))
  if (flag('BUILT_IN')) args.push('--built-in')
  if (flag('GALLERY')) args.push('--gallery')
  if (flag('STRICT')) args.push('--strict')
  if (input('PROFILE')) args.push('--profile', input('PROFILE'))
  if (input('WAIVERS')) args.push('--waivers', input('WAIVERS'))
  if (input('BASELINE')) args.push('--baseline', input('BASELINE'), '--fail-on-new')
  args.push(...splitArgs(input('ARGS')))
  return { args, scim, reportDir }
}

/** Splits "--only 'create-user/*' --dialect legacy" as a shell would (quotes, no expansion). */
export function splitArgs(text) {
  const out = []
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g
  let m
  while ((m = re.exec(text))) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

function setOutput(values) {
  const file = env.GITHUB_OUTPUT
  const text = Object.entries(values)
    .map(([k, v]) => `${k}=${String(v).replace(/[\r\n]+/g, ' ')}\n`)
    .join('')
  if (file) appendFileSync(file, text)
  else process.stdout.write(text)
}

function main() {
  const { args, scim, reportDir } = commandFromInputs()
  // Masked in the job log even when they come from a variable that is not a secret.
  for (const secret of [scim.SCIM_TOKEN, scim.SCIM_CLIENT_SECRET])
    if (secret) process.stdout.write(`::add-mask::${secret}\n`)
  // SCIM_* from the job's own environment would mix with the inputs: the inputs alone choose the target.
  const base = Object.fromEntries(
    Object.entries(env).filter(([k]) => !k.startsWith('SCIM_') && !k.startsWith('INPUT_')),
  )
  const before = latestRun(resolve(reportDir))
  const child = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...base, ...scim },
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  const stderr = child.stderr ?? ''
  process.stderr.write(stderr)
  const code = child.status ?? 2

  // A latest link that did not move belongs to an earlier run in the same folder, not to this one.
  const latest = latestRun(resolve(reportDir))
  const runDir = latest !== before ? latest : undefined
  const report =
    runDir && existsSync(join(runDir, 'report.json'))
      ? JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'))
      : undefined
  if (!report) {
    // The suite stopped before a report (bad input, unreachable target, refused credential): say why in the summary.
    const why = stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${code}`
    if (env.GITHUB_STEP_SUMMARY)
      appendFileSync(
        env.GITHUB_STEP_SUMMARY,
        `## scim-preflight could not run (exit ${code})\n\n${why.replace(/^scim-preflight: /, '')}\n\nExit 2 means the suite could not judge the endpoint: nothing was tested.\n`,
      )
  }
  setOutput({
    verdict: report?.verdict?.kind ?? 'error',
    'exit-code': code,
    failed: report?.counts?.failed ?? 0,
    warned: report?.counts?.warned ?? 0,
    'gallery-met': report?.verdict?.gallery?.met === true,
    'report-dir': runDir ?? '',
  })
  return 0
}

/** The run folder reports/latest points at (or latest.txt names, where symlinks cannot be made). */
function latestRun(dir) {
  try {
    return join(dir, readlinkSync(join(dir, 'latest')))
  } catch {
    try {
      return join(dir, readFileSync(join(dir, 'latest.txt'), 'utf8').trim())
    } catch {
      return undefined
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) process.exitCode = main()
