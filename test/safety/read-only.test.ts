// --read-only against the reference endpoint seeded with existing users: only GET requests reach the server
// (its own request log proves it), and the existing user named by --user is checked.
import { afterAll, describe, expect, test } from 'vitest'
import { faultsById } from '../../server/faults/index.ts'
import { seedStore, seededUserName } from '../../server/seed.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { Store } from '../../server/store.ts'
import { idsWith, runSuiteCli } from '../self-test/run-cli.ts'

const TOKEN = 'tok-read-only-0123456789'
const servers: RunningServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))

async function seeded(faults: string[] = []): Promise<RunningServer> {
  const server = await startServer({
    token: TOKEN,
    store: seedStore(new Store(), { users: 30, groups: 3 }),
    faults: faultsById(faults),
  })
  servers.push(server)
  return server
}

// run/no-server-errors sends nothing itself: it judges every answer of the run. schema-discoverability reads /Schemas only.
const READ_ONLY_IDS = /^(authentication|test-connection|discovery|schema-discoverability|query-existing-user|run)\//

describe.concurrent('read-only mode', () => {
  test('sends only GET requests, checks the existing user, and skips every writing flow', async () => {
    const s = await seeded()
    // User 12 has a manager (user 11) in the seed data.
    const run = await runSuiteCli(['--read-only', '--user', seededUserName(12), '--strict'], {
      SCIM_BASE_URL: s.url,
      SCIM_TOKEN: TOKEN,
    })
    expect(Object.keys(s.log.counts)).toEqual(['GET'])
    expect(run.code).toBe(0)
    expect(idsWith(run.report, 'passed').every((id) => READ_ONLY_IDS.test(id))).toBe(true)
    expect(idsWith(run.report, 'passed')).toEqual(
      expect.arrayContaining([
        'query-existing-user/finds-exactly-one',
        'query-existing-user/returns-valid-user',
        'query-existing-user/returns-active',
        'query-existing-user/returns-manager-as-object',
      ]),
    )
    expect(
      run.report.checks
        .filter((c) => !READ_ONLY_IDS.test(c.id))
        .every((c) => c.outcome === 'skipped' && c.message === 'read-only mode sends no writes'),
    ).toBe(true)
    expect(run.report.run.readOnly).toBe(true)
    expect(run.report.run.notices.join('\n')).toMatch(/Read-only mode: only GET requests were sent/)
    expect(s.store.users.size).toBe(30)
  })

  test('matches on externalId when that is the matching attribute', async () => {
    const s = await seeded()
    const run = await runSuiteCli(['--read-only', '--user', seededUserName(3), '--matching-attribute', 'externalId'], {
      SCIM_BASE_URL: s.url,
      SCIM_TOKEN: TOKEN,
    })
    expect(Object.keys(s.log.counts)).toEqual(['GET'])
    expect(run.code).toBe(0)
    expect(s.log.entries.some((e) => e.url.includes('filter=externalId+eq+%22seed3%22'))).toBe(true)
  })

  test('a defect in the existing user is found without writing', async () => {
    const s = await seeded(['manager-returned-as-bare-id'])
    const run = await runSuiteCli(['--read-only', '--user', seededUserName(12)], {
      SCIM_BASE_URL: s.url,
      SCIM_TOKEN: TOKEN,
    })
    expect(Object.keys(s.log.counts)).toEqual(['GET'])
    expect(run.code).toBe(1)
    expect(idsWith(run.report, 'failed')).toEqual([
      'query-existing-user/returns-manager-as-object',
      'query-existing-user/returns-valid-user',
    ])
  })

  test('an unknown --user fails the match check, still without writing', async () => {
    const s = await seeded()
    const run = await runSuiteCli(['--read-only', '--user', 'nobody@fabrikam.example'], {
      SCIM_BASE_URL: s.url,
      SCIM_TOKEN: TOKEN,
    })
    expect(Object.keys(s.log.counts)).toEqual(['GET'])
    expect(run.code).toBe(1)
    expect(run.report.checks.find((c) => c.id === 'query-existing-user/finds-exactly-one')?.message).toMatch(
      /expected exactly one user, got 0/,
    )
  })

  test('without --user the existing-user flow is skipped with the reason', async () => {
    const s = await seeded()
    const run = await runSuiteCli(['--read-only'], { SCIM_BASE_URL: s.url, SCIM_TOKEN: TOKEN })
    expect(Object.keys(s.log.counts)).toEqual(['GET'])
    expect(run.code).toBe(0)
    expect(run.report.checks.find((c) => c.id === 'query-existing-user/finds-exactly-one')?.message).toMatch(
      /pass --user <userName>/,
    )
  })
})
