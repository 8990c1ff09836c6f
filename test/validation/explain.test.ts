// `scim-preflight explain` on CONSTRUCTED results (test/validation/constructed-results.ts): a clean run, a real
// defect, a known SCIM Validator false positive, a run broken by aadOptscim062020 in the endpoint URL, a file of
// neither kind, and a re-run against an endpoint with the defect.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../self-test/run-cli.ts'
import { finalTestResults, validationResultFile, validatorResults } from './constructed-results.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { faultsById } from '../../server/faults/index.ts'
import type { Explanation } from '../../helpers/validation/explain.ts'

const dir = mkdtempSync(join(tmpdir(), 'spf-explain-'))
const file = (name: string, body: unknown): string => {
  const path = join(dir, name)
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2))
  return path
}

async function explain(
  path: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; json?: Explanation; folder?: string }> {
  const reports = mkdtempSync(join(dir, 'r-'))
  const r = await runCli(['explain', path, '--report-dir', reports, ...extra], env)
  const sub = readdirSync(reports)[0]
  const json = sub
    ? (JSON.parse(readFileSync(join(reports, sub, 'explanation.json'), 'utf8')) as Explanation)
    : undefined
  return { ...r, ...(json ? { json, folder: join(reports, sub!) } : {}) }
}

const NULL_UPDATE_DEFECT = {
  testResult: 'FAILED - Action: SCIM_Patch_Null_Update',
  provisioningErrorDetails: 'Scope execution failed at action: SCIM_Patch_Null_Update',
}

describe('scim-preflight explain', () => {
  test('a clean Logic App run: nothing to explain, exit 0', async () => {
    const r = await explain(file('clean.json', finalTestResults()))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Logic App result (Final_TestResults), overall Succeeded')
    expect(r.stdout).toContain('Nothing failed')
    expect(r.json!.failures).toEqual([])
  })

  test('a result whose every test was skipped judged nothing: not "nothing failed", exit 1', async () => {
    const skipped = Object.fromEntries(
      ['Create_User_Test', 'Update_User_Test'].map((name) => [name, { testResult: 'SKIPPED' }]),
    )
    const all = finalTestResults(skipped) as { testResults: { testName: string }[] }
    all.testResults = all.testResults.filter((t) => t.testName in skipped)
    const r = await explain(file('all-skipped.json', all))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Nothing was judged')
  })

  test('a real defect: the checks behind the test, the fix and the --only command, exit 1', async () => {
    const r = await explain(file('defect.json', finalTestResults({ SCIM_Null_Update_Test: NULL_UPDATE_DEFECT })))
    expect(r.code).toBe(1)
    const f = r.json!.failures
    expect(f.map((x) => [x.test, x.kind])).toEqual([['SCIM_Null_Update_Test', 'defect']])
    expect(f[0]!.checks).toContain('update-user-empty-values/responds-200-or-204')
    expect(f[0]!.reproduce).toContain("--only 'update-user-empty-values/responds-200-or-204'")
    expect(r.stdout).toContain('Defect of the endpoint')
    expect(r.stdout).toContain('Fix: ')
  })

  test('an optional test shown as WARNING is explained as an optional failure', async () => {
    const r = await explain(
      file(
        'warning.json',
        finalTestResults(
          {
            Delete_Group_Test: { testResult: 'WARNING - [Delete Phase] Failed Action: Delete_Step4_Query_Group_By_Id' },
          },
          'Succeeded',
        ),
      ),
    )
    expect(r.json!.failures.map((x) => [x.test, x.status, x.kind])).toEqual([
      ['Delete_Group_Test', 'warning', 'defect'],
    ])
    expect(r.json!.failures[0]!.explanation).toContain('optional')
  })

  test('a known false positive of the SCIM Validator: a returned:"never" attribute reported missing', async () => {
    const r = await explain(
      file(
        'scim-results.json',
        validatorResults({ 'Create a new User': 'Attribute password is missing from the response' }),
      ),
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('SCIM Validator results, overall Not compliant (SFComplianceFailed: true)')
    expect(r.json!.failures.map((x) => [x.test, x.kind])).toEqual([['Create a new User', 'false-positive']])
  })

  test("a Validator failure that is a defect maps to the suite's checks", async () => {
    const r = await explain(
      file(
        'scim-results-defect.json',
        validatorResults({ 'Create a duplicate User': 'Expected 409 Conflict, got 201 Created' }),
      ),
    )
    expect(r.code).toBe(1)
    expect(r.json!.failures[0]).toMatchObject({ kind: 'defect', checks: ['create-user/rejects-duplicate-username'] })
  })

  test('a run broken by aadOptscim062020 in the endpoint URL is a setup mistake, not a defect', async () => {
    const broken = finalTestResults({
      Schema_Discoverability_Test: { testResult: 'FAILED - Action: SCIM_Get_Schemas - HTTP 404' },
      SCIM_User_Create_Test: { testResult: 'FAILED - Action: SCIM_Direct_Create_User - HTTP 404.' },
      SCIM_User_Pagination_Test: {
        testResult: 'FAILED - Action: Filter_User_Pagination_Failed_Pages - Pages=0 failedPages=1',
      },
    })
    const path = file(
      'validation-result-08584400000000000001.json',
      validationResultFile(broken, {
        scimEndpoint: 'https://api.example.com/scim/v2?aadOptscim062020',
        scimBearerToken: '***',
        scimContentType: 'application/scim+json',
      }),
    )
    const r = await explain(path)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Logic App result (validation-result)')
    expect(new Set(r.json!.failures.map((x) => x.kind))).toEqual(new Set(['setup']))
    expect(r.json!.setup).toEqual(['The scimEndpoint parameter carries the aadOptscim062020 flag'])
  })

  test('a token that expired mid-run is a setup mistake', async () => {
    const r = await explain(
      file(
        'expired.json',
        finalTestResults({
          SCIM_User_Pagination_Test: {
            testResult: 'FAILED - Action: SCIM_User_Pagination_Create_User - setup failed. Created=3',
            provisioningErrorDetails: { summary: 'HTTP 401 Unauthorized' },
          },
        }),
      ),
    )
    expect(r.json!.failures.map((x) => [x.kind, x.title])).toEqual([
      ['setup', 'The bearer token expired during the run'],
    ])
  })

  test('SCIM_BASE_URL alone does not re-run anything (a re-run writes to the endpoint: only --url asks for it)', async () => {
    const r = await explain(
      file('defect-env.json', finalTestResults({ SCIM_Null_Update_Test: NULL_UPDATE_DEFECT })),
      [],
      { SCIM_BASE_URL: 'http://127.0.0.1:9/scim/v2', SCIM_TOKEN: 'x' },
    )
    expect(r.code).toBe(1)
    expect(r.json!.rerun).toBeUndefined()
  })

  test('a file of neither kind is one line and exit 2', async () => {
    const r = await explain(file('other.json', { hello: 'world' }))
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('is neither a Logic App result')
    const notJson = await explain(file('not-json.txt', 'not json at all'))
    expect(notJson.code).toBe(2)
    expect(notJson.stderr.trim().split('\n')).toHaveLength(1)
  })

  describe('with --url and --token: re-runs the checks behind the failures', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startServer({ token: 'explain-token', faults: faultsById(['null-replace-refused-400']) })
    })
    afterAll(async () => server.close())

    test('the defect still reproduces against an endpoint that has it', async () => {
      const path = file(
        'defect-rerun.json',
        finalTestResults({
          SCIM_Null_Update_Test: NULL_UPDATE_DEFECT,
          Delete_Group_Test: { testResult: 'WARNING - [Delete Phase] Failed Action: Delete_Step4_Query_Group_By_Id' },
        }),
      )
      const r = await explain(path, ['--url', server.url, '--token', 'explain-token'])
      expect(r.code).toBe(1)
      const byTest = Object.fromEntries(r.json!.failures.map((f) => [f.test, f.reproduces]))
      expect(byTest).toEqual({ SCIM_Null_Update_Test: 'yes', Delete_Group_Test: 'no' })
      expect(r.stdout).toContain('still fails')
      expect(r.stdout).not.toContain('explain-token')
      // The re-run is in every format: the HTML and Markdown say it, JUnit fails only what still reproduces.
      for (const name of ['explanation.html', 'explanation.md'])
        expect(readFileSync(join(r.folder!, name), 'utf8')).toContain('Re-run now')
      const junit = readFileSync(join(r.folder!, 'junit.xml'), 'utf8')
      expect(junit).toContain('failures="1"')
      expect(junit).toMatch(/name="Delete_Group_Test"[^>]*>\s*<system-out>[^<]*Re-run now: passes now/)
      for (const name of readdirSync(r.folder!))
        expect(readFileSync(join(r.folder!, name), 'utf8')).not.toContain('explain-token')
    }, 120_000)
  })
})
