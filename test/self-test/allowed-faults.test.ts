// Levels from evidence, both ways, end to end: a server that does what Microsoft's documents allow passes the default
// run (its deviations warn, at the level their evidence gives), and one that lets in any bearer token fails it, at a
// level of its own. The fault self-test proves each fault's breaks under --strict; this proves the default verdict.
import { describe, expect, test } from 'vitest'
import { faultsById } from '../../server/faults/index.ts'
import { catalog, type CheckId } from '../../specs/catalog.ts'
import { checkIdsWith, runInProcess } from './run-in-process.ts'

const LIMIT_MS = 120_000

describe.concurrent('faults Microsoft allows pass the default run, with warnings', () => {
  test.each([
    ['create-user-returns-200', 'create-user/responds-201'],
    ['duplicate-username-without-scim-type', 'create-user/duplicate-carries-scim-type'],
    ['delete-user-soft-deletes', 'delete-user/get-after-delete-responds-404'],
    ['manager-rejects-value-object', 'update-user-manager/sets-manager-from-value-object'],
    ['auth-bad-token-returns-403', 'test-connection/wrong-token-responds-401'],
  ] as const)(
    '%s: no failure, %s warns',
    async (fault, warned) => {
      const run = await runInProcess(['--seed', '7'], { faults: faultsById([fault]) })
      expect(run.crash).toBeUndefined()
      expect(checkIdsWith(run.checks, 'failed')).toEqual([])
      expect(checkIdsWith(run.checks, 'warned')).toContain(warned)
      expect(run.leftovers).toEqual([])
    },
    LIMIT_MS,
  )
})

test(
  'a server that accepts any bearer token fails the default run at the Security level',
  async () => {
    const run = await runInProcess(['--seed', '7', '--only', 'test-connection/*'], {
      faults: faultsById(['auth-accepts-any-bearer-token']),
    })
    const failed = run.checks.filter((c) => c.outcome === 'failed')
    expect(failed.map((c) => [c.id, c.severity])).toEqual([['test-connection/rejects-wrong-token', 'security']])
    expect(
      catalog['test-connection/rejects-wrong-token' as CheckId].evidence.sources.map((r) => r.label).join(' '),
    ).toMatch(/RFC 6750 §3\.1[\s\S]*gallery/i)
  },
  LIMIT_MS,
)
