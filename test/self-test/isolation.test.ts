// What a vendor reads when one operation of Entra's bundled PATCH is refused, when members are stored but not listed,
// and when uniqueness is kept on the wrong attribute: one failure for one cause, the diagnosis marked as the suite's.
import { describe, expect, test } from 'vitest'
import { runSuiteCli } from './run-cli.ts'

const MOBILE = 'update-user-multi-valued/adds-missing-mobile-phone'

describe('isolating causes', () => {
  test('one refused operation of a bundled PATCH: only its check fails, naming it; the others pass on their own answers', async () => {
    const run = await runSuiteCli([
      '--seed',
      '7',
      '--only',
      'update-user-multi-valued/*',
      '--fault',
      'value-path-add-refused-without-element',
    ])
    const checks = run.report.checks
    expect(checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toEqual([MOBILE, MOBILE])
    for (const c of checks.filter((c) => c.id === MOBILE)) {
      expect(c.message).toMatch(/^Diagnosis by isolation \(Entra sends these operations in one PATCH;/)
      expect(c.message).toMatch(
        /does not apply (Add|add) phoneNumbers\[type eq "mobile"\]\.value even when it is sent alone: PATCH \S+ → 400/,
      )
      // The bundled PATCH and the one sent alone are both evidence.
      const patches = c.exchanges
        .map((s) => run.report.exchanges.find((e) => e.seq === s)!)
        .filter((e) => e.request.method === 'PATCH')
      expect(patches.map((e) => (e.request.body as { Operations: unknown[] }).Operations.length).sort()).toEqual([
        1,
        c.dialect === 'legacy' ? 6 : 4,
      ])
    }
    expect(checks.filter((c) => c.id.endsWith('/responds-200-or-204')).map((c) => [c.outcome, c.blockedBy])).toEqual([
      ['blocked', MOBILE],
      ['blocked', MOBILE],
    ])
    const others = checks.filter((c) => c.id !== MOBILE && !c.id.endsWith('/responds-200-or-204'))
    expect(others.length).toBe(10)
    for (const c of others) {
      expect(c.outcome).toBe('passed')
      expect(c.message).toMatch(/is applied when sent alone .* held back by .*mobile/)
    }
    expect(run.report.leftovers).toEqual([])
  }, 120_000)

  test('members stored but not listed: a warning only (exit 0), and the member flows judge what the membership query finds', async () => {
    const run = await runSuiteCli(['--seed', '7', '--only', 'update-group-*/*', '--fault', 'members-not-listed'])
    expect(run.report.checks.filter((c) => c.outcome === 'failed')).toEqual([])
    expect([...new Set(run.report.checks.filter((c) => c.outcome === 'warned').map((c) => c.id))]).toEqual([
      'update-group-add-members/lists-members',
    ])
    expect(run.report.checks.find((c) => c.id === 'update-group-remove-members/removes-the-member')?.outcome).toBe(
      'passed',
    )
    expect(run.code).toBe(0)
  }, 120_000)

  test('a Remove answered 204 that keeps the member fails even when members are not listed', async () => {
    const run = await runSuiteCli([
      '--seed',
      '7',
      '--only',
      'update-group-remove-members/*',
      '--fault',
      'members-not-listed-remove-ignored',
    ])
    const failed = run.report.checks.filter((c) => c.outcome === 'failed')
    // The removal is ignored in every form: Entra's dialect's own and the captured lower-case value array.
    expect([...new Set(failed.map((c) => c.id))].sort()).toEqual([
      'update-group-remove-members/removes-by-lower-case-value-array',
      'update-group-remove-members/removes-the-member',
    ])
    for (const c of failed.filter((c) => c.id === 'update-group-remove-members/removes-the-member'))
      expect(c.message).toMatch(/the membership query still finds \S+ in the group .*keeps the group's access/)
    expect(run.code).toBe(1)
  }, 120_000)

  test('uniqueness on email instead of userName, or case-sensitive: the duplicate with a new email, or in other case, is caught', async () => {
    const email = await runSuiteCli(['--seed', '7', '--only', 'create-user/*', '--fault', 'uniqueness-on-email'])
    expect(email.report.checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toEqual([
      'create-user/rejects-duplicate-username',
    ])
    expect(
      email.report.checks.find((c) => c.id === 'create-user/rejects-duplicate-username-in-other-case')?.outcome,
    ).toBe('blocked')
    // RFC only (Entra queries before it creates, without case): it fails the run under --strict.
    const cased = await runSuiteCli([
      '--strict',
      '--seed',
      '7',
      '--only',
      'create-user/*',
      '--fault',
      'uniqueness-case-sensitive',
    ])
    const failed = cased.report.checks.filter((c) => c.outcome === 'failed')
    expect(failed.map((c) => c.id)).toEqual(['create-user/rejects-duplicate-username-in-other-case'])
    // The run prefix keeps its lower case, so cleanup's `userName sw "<prefix>"` still finds a duplicate left behind.
    const post = cased.report.exchanges.find((e) => e.seq === failed[0]!.exchanges.at(-1))!
    expect((post.request.body as { userName: string }).userName.startsWith(cased.report.run.runPrefix)).toBe(true)
    expect(cased.report.leftovers).toEqual([])
  }, 120_000)
})
