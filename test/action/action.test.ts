// The GitHub Action run the way the runner runs a composite action: action.yml's steps read from the file, their
// `${{ … }}` expressions filled in from the inputs (defaults included), the step's script run by bash with its
// env, INPUT_* variables, CI=true and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files; then the gate step with the outputs.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { CI_VARIABLES, ROOT } from '../self-test/run-cli.ts'

interface Step {
  id?: string
  name: string
  if?: string
  shell?: string
  run?: string
  uses?: string
  env?: Record<string, string>
  with?: Record<string, string>
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { value: string }>
  runs: { using: string; steps: Step[] }
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action
const TOKEN = 'tok-action-0123456789abcdef'
const servers: RunningServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))

/** `${{ inputs.x }}`, `${{ github.action_path }}` and `${{ steps.run.outputs.x }}`, as the runner substitutes them. */
function expand(text: string, context: { inputs: Record<string, string>; outputs?: Record<string, string> }): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr)
    if (input) return context.inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? ''
    if (expr === 'github.action_path') return ROOT.replace(/\/$/, '')
    const output = /^steps\.run\.outputs\.([\w-]+)$/.exec(expr)
    if (output) return context.outputs?.[output[1]!] ?? ''
    throw new Error(`the test does not expand \${{ ${expr} }}`)
  })
}

function bash(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  // The runner's own environment, without whatever SCIM_*, CI or proxy settings the developer's shell has.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('SCIM_') && !CI_VARIABLES.includes(k) && !/^(https?|no)_proxy$/i.test(k),
    ),
  )
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', script],
      { cwd, env: { ...base, ...env }, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0,
          stdout,
          stderr,
        })
      },
    )
  })
}

interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  gate?: { code: number; stdout: string }
}

/** Runs the step with id `run` in a fresh workspace, then the gate step when its condition holds. */
async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'spf-action-'))
  const outputFile = join(workspace, '.github_output')
  const summaryFile = join(workspace, '.github_step_summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const runner = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    NO_COLOR: '1',
  }
  const step = action.runs.steps.find((s) => s.id === 'run')!
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, { inputs })]))
  const r = await bash(expand(step.run!, { inputs }), { ...runner, ...env }, workspace)
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
  const result: ActionRun = { ...r, outputs, summary: readFileSync(summaryFile, 'utf8') }
  const gate = action.runs.steps.at(-1)!
  const fail = inputs.fail ?? action.inputs.fail!.default
  if (
    gate.if === "always() && inputs.fail == 'true' && steps.run.outputs.exit-code != '0'" &&
    fail === 'true' &&
    outputs['exit-code'] !== '0'
  ) {
    const gateEnv = Object.fromEntries(
      Object.entries(gate.env ?? {}).map(([k, v]) => [k, expand(v, { inputs, outputs })]),
    )
    result.gate = await bash(gate.run!, { ...runner, ...gateEnv }, workspace)
  }
  return result
}

describe('action.yml', () => {
  test('a composite action whose run step maps every input the suite reads, uploads the reports, and gates last', () => {
    expect(action.runs.using).toBe('composite')
    const run = action.runs.steps.find((s) => s.id === 'run')!
    const mapped = Object.values(run.env ?? {}).map((v) => /inputs\.([\w-]+)/.exec(v)?.[1])
    expect(mapped.sort()).toEqual(
      Object.keys(action.inputs)
        .filter((i) => i !== 'artifact-name' && i !== 'fail')
        .sort(),
    )
    expect(Object.keys(action.outputs).sort()).toEqual([
      'exit-code',
      'failed',
      'gallery-met',
      'report-dir',
      'verdict',
      'warned',
    ])
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.run.outputs.${name} }}`)
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(upload.with?.path).toBe('${{ steps.run.outputs.report-dir }}')
    expect(upload.if).toMatch(/^always\(\)/)
    expect(action.runs.steps.at(-1)!.run).toMatch(/exit "\$\{EXIT_CODE:-2\}"/)
    // Inputs reach the step through env only: never spliced into the script, where a value could run as shell.
    for (const s of action.runs.steps) expect(s.run ?? '').not.toMatch(/inputs\./)
  })
})

describe.concurrent('the action against the reference endpoint', () => {
  let clean: RunningServer
  let faulty: RunningServer
  beforeAll(async () => {
    clean = await startServer({ token: TOKEN })
    faulty = await startServer({ token: TOKEN, faults: faultsById(['create-user-omits-id']) })
    servers.push(clean, faulty)
  })
  const only = "--only 'create-user/*'"

  test('a clean endpoint: exit 0, outputs set, the Markdown report in the step summary, the reports in report-dir', async () => {
    const r = await runAction({ url: clean.url, token: TOKEN, args: only })
    expect(r.code, r.stderr).toBe(0)
    expect(r.outputs).toMatchObject({ 'exit-code': '0', verdict: 'incomplete', failed: '0', 'gallery-met': 'false' })
    expect(Number(r.outputs.warned)).toBeGreaterThanOrEqual(0)
    for (const f of ['report.json', 'junit.xml', 'report.html', 'exchanges.har', 'summary.md'])
      expect(existsSync(join(r.outputs['report-dir']!, f)), f).toBe(true)
    expect(r.summary).toContain(
      readFileSync(join(r.outputs['report-dir']!, 'summary.md'), 'utf8').trim().split('\n')[0],
    )
    expect(r.gate).toBeUndefined()
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
    expect(r.stdout.replace(`::add-mask::${TOKEN}`, '') + r.stderr + r.summary).not.toContain(TOKEN)
  })

  test('a fault: the step still succeeds (so the reports upload), the outputs say fails, and the gate step exits 1', async () => {
    const r = await runAction({ url: faulty.url, token: TOKEN, args: only })
    expect(r.code, r.stderr).toBe(0)
    expect(r.outputs).toMatchObject({ 'exit-code': '1', verdict: 'fails' })
    expect(Number(r.outputs.failed)).toBeGreaterThan(0)
    expect(r.summary).toMatch(/create-user\/returns-id|returns-id/)
    expect(r.gate).toMatchObject({ code: 1 })
    expect(r.gate!.stdout).toMatch(/^::error title=scim-preflight::verdict fails, exit 1/)
    const relaxed = await runAction({ url: faulty.url, token: TOKEN, args: only, fail: 'false' })
    expect(relaxed.outputs['exit-code']).toBe('1')
    expect(relaxed.gate).toBeUndefined()
  })

  test('a missing secret (the token input empty): exit 2 in the outputs, the reason in the step summary, the job fails', async () => {
    const r = await runAction({ url: clean.url, token: '' })
    expect(r.outputs).toMatchObject({ 'exit-code': '2', verdict: 'error', 'report-dir': '' })
    expect(r.summary).toMatch(/^## scim-preflight could not run \(exit 2\)\n\na target URL needs a token/)
    expect(r.gate).toMatchObject({ code: 2 })
    // No target at all under CI=true is exit 2 too, never the built-in endpoint.
    const none = await runAction({})
    expect(none.outputs).toMatchObject({ 'exit-code': '2', verdict: 'error' })
    expect(none.summary).toMatch(/no target in CI/)
  })
})
