// The predicted Microsoft validation, proven over the faults: each fault that breaks a Gallery-level check flips
// exactly the Logic App and SCIM Validator tests this table names (the prediction is a function of the check
// results, so the faults' declared breaks stand in for their runs); the clean endpoint with OAuth under --gallery,
// and one fault, are also run for real in this process.
import { describe, expect, test } from 'vitest'
import type { CheckResult, PredictedTest } from '../../helpers/model/result.ts'
import { predictValidation } from '../../helpers/validation/predict.ts'
import { LOGIC_APP_TESTS } from '../../helpers/validation/logic-app-tests.ts'
import { faults, faultsById } from '../../server/faults/index.ts'
import { catalog } from '../../specs/catalog.ts'
import { OAUTH_ARGS } from '../self-test/run-cli.ts'
import { runInProcess } from '../self-test/run-in-process.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { predictionLine } from '../../helpers/validation/console-line.ts'
import { ENTRA_DEFAULT, FLIPS, flipped } from './flips.ts'
import { FEDERATION_ONLY, OAUTH_ONLY, ROTATION_CHECK } from '../../specs/authentication/authentication.ts'

/** The checks a run with a client secret skips as not configured: federation (no --wif-key) and rotation (no --client-secret-2). */
const NOT_CONFIGURED = [...FEDERATION_ONLY, ROTATION_CHECK]

/** Every catalog check passed except `failed` (and `skipped`, unless failed): a fault's declared breaks as a run would report them. */
function checksWith(failed: readonly string[], skipped: readonly string[] = NOT_CONFIGURED): CheckResult[] {
  return Object.entries(catalog).map(
    ([id, info]) =>
      ({
        id,
        title: info.title,
        flow: id.split('/')[0]!,
        severity: info.severity,
        evidence: info.evidence,
        refs: [],
        outcome: failed.includes(id) ? 'failed' : skipped.includes(id) ? 'skipped' : 'passed',
        exchanges: [],
        durationMs: 0,
        entra: info.entra,
        fix: info.fix,
      }) as CheckResult,
  )
}

describe('the prediction over the faults', () => {
  test('every fault that breaks a Gallery-level check has a row', () => {
    const gallery = faults
      .filter((f) => f.breaks.some((id) => catalog[id as keyof typeof catalog]?.severity === 'gallery'))
      .map((f) => f.id)
    expect(gallery.filter((id) => !(id in FLIPS))).toEqual([])
  })

  test.each(Object.entries(FLIPS))('%s flips exactly its predicted tests', (id, want) => {
    const [fault] = faultsById([id])
    const [la, sv] = predictValidation(checksWith(fault!.breaks), ENTRA_DEFAULT).tools
    expect(flipped(la!.tests)).toEqual(want.la)
    expect(flipped(sv!.tests)).toEqual(want.sv)
    // A predicted failure links to the failing check.
    for (const t of [...la!.tests, ...sv!.tests].filter((t) => t.status === 'fail' || t.status === 'warning')) {
      expect(
        t.checks.some((c) => fault!.breaks.includes(c as never)),
        t.name,
      ).toBe(true)
    }
  })
})

describe("Microsoft's skip, warning and overall rules", () => {
  const clean = checksWith([])
  const find = (tests: readonly PredictedTest[], name: string) => tests.find((t) => t.name === name)!

  test('a clean run with OAuth: every mandatory test success, Succeeded, Compliant', () => {
    const [la, sv] = predictValidation(clean, ENTRA_DEFAULT).tools
    expect(la!.overall).toBe('Succeeded')
    expect(sv!.overall).toBe('Compliant')
    expect(la!.tests.map((t) => t.name)).toEqual(LOGIC_APP_TESTS.map((t) => t.name))
    expect(find(la!.tests, 'Restore_User_Test').result).toBe('success (SoftDeleteRestore)')
    expect(find(la!.tests, 'Federated_Identity_Test').result).toBe('SKIPPED')
  })

  test("a static token: the credential tests skipped and overallResult Failed, with Microsoft's caveat", () => {
    // A run with a static token skips every check of the token endpoint.
    const staticToken = checksWith([], OAUTH_ONLY)
    const [la] = predictValidation(staticToken, { ...ENTRA_DEFAULT, oauth: false }).tools
    expect(find(la!.tests, 'Validate_Credentials_Test')).toMatchObject({ status: 'skipped', result: 'SKIPPED' })
    expect(la!.overall).toBe('Failed')
    expect(la!.caveats.join(' ')).toContain('may say "Failed" for a run that can still be submitted')
    expect(predictionLine(predictValidation(staticToken, { ...ENTRA_DEFAULT, oauth: false }))).toContain(
      '"Failed" only because no authentication test passed',
    )
    expect(predictionLine(predictValidation(clean, ENTRA_DEFAULT))).toMatch(
      /^Microsoft's validation, predicted: Logic App overallResult "Succeeded" \(24 success, 1 skipped\); SCIM Validator compliant/,
    )
  })

  test("manager not mapped: both manager tests skipped with Microsoft's strings", () => {
    const [la, sv] = predictValidation(clean, { ...ENTRA_DEFAULT, mappedAttributes: ['userName', 'active'] }).tools
    expect(find(la!.tests, 'User_Update_Manager_Test').result).toBe('SKIPPED - IsManagerAttributeSupported is false')
    expect(find(la!.tests, 'SCIM_Update_Manager_Test').result).toBe(
      'SKIPPED - manager attribute not in target directory',
    )
    expect(find(sv!.tests, 'Patch User - Add Manager').status).toBe('skipped')
  })

  test('groups off: the group tests skipped; active not mapped: Disable skipped and Restore by hard delete', () => {
    const [la] = predictValidation(clean, { ...ENTRA_DEFAULT, groups: false, mappedAttributes: ['userName'] }).tools
    expect(la!.tests.filter((t) => t.status === 'skipped').map((t) => t.name)).toEqual(
      expect.arrayContaining(['Create_Group_Test', 'POD_Group_Test', 'Disable_User_Test', 'SCIM_Group_Create_Test']),
    )
    expect(find(la!.tests, 'Restore_User_Test').result).toBe('success (HardDeleteReprovision)')
  })

  test("an optional test's failure is a WARNING and leaves overallResult alone", () => {
    const [la] = predictValidation(checksWith(['delete-group/get-after-delete-responds-404']), ENTRA_DEFAULT).tools
    expect(find(la!.tests, 'Delete_Group_Test')).toMatchObject({
      status: 'warning',
      result: 'WARNING - [Delete Phase] Provisioning: … | SCIM: …',
    })
    expect(la!.overall).toBe('Succeeded')
  })

  test('an attribute /Schemas marks returned "never": the Validator\'s known false positive is predicted, and named as one', () => {
    const schemas = {
      seq: 1,
      request: { method: 'GET', url: 'https://x.example/scim/v2/Schemas', headers: {} },
      response: {
        status: 200,
        headers: {},
        body: {
          Resources: [
            { id: 'urn:ietf:params:scim:schemas:core:2.0:User', attributes: [{ name: 'password', returned: 'never' }] },
          ],
        },
      },
    }
    const [, sv] = predictValidation(clean, ENTRA_DEFAULT, [schemas as never]).tools
    expect(find(sv!.tests, 'Create a new User')).toMatchObject({ status: 'fail', result: 'Failed' })
    expect(find(sv!.tests, 'Create a new User').why).toContain('known false positive')
    expect(sv!.overall).toBe('Not compliant')
  })

  test('a check not run makes its tests not predictable, never a guess', () => {
    const partial = clean.filter((c) => !c.id.startsWith('update-user-empty-values/'))
    const [la] = predictValidation(partial, ENTRA_DEFAULT).tools
    expect(find(la!.tests, 'SCIM_Null_Update_Test')).toMatchObject({
      status: 'not-predictable',
      result: 'not predictable offline',
    })
    expect(la!.overall).toBe('Not predictable')
  })
})

describe('real runs in this process', () => {
  test('the clean endpoint with OAuth under --gallery predicts success for every mandatory test and compliance', async () => {
    const run = await runInProcess([...OAUTH_ARGS, '--gallery', '--seed', '7', '--large-group', '200'])
    const [la, sv] = predictValidation(run.checks, {
      groups: true,
      mappedAttributes: loadProfile('entra-default').attributes,
      oauth: true,
    }).tools
    expect(
      la!.tests
        .filter((t) => t.category === 'mandatory' && t.status !== 'pass' && t.status !== 'skipped')
        .map((t) => `${t.name}: ${t.why}`),
    ).toEqual([])
    expect(la!.overall).toBe('Succeeded')
    expect(sv!.overall).toBe('Compliant')
  }, 170_000)

  test("null-replace-refused-400 fails SCIM_Null_Update_Test alone, with Microsoft's failed action", async () => {
    const run = await runInProcess(['--gallery', '--seed', '7'], { faults: faultsById(['null-replace-refused-400']) })
    const [la] = predictValidation(run.checks, { ...ENTRA_DEFAULT, oauth: false }).tools
    expect(flipped(la!.tests)).toEqual(['SCIM_Null_Update_Test'])
    expect(la!.tests.find((t) => t.name === 'SCIM_Null_Update_Test')!.result).toBe(
      'FAILED - Action: SCIM_Patch_Null_Update - HTTP 400',
    )
  }, 170_000)
})
