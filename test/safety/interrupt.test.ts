// The big one: 1,000 users and 100 groups that the suite did not create. A full run, then runs stopped with
// Ctrl-C or SIGTERM part-way: every seeded resource stays byte-for-byte the same, and no run-prefixed one is left.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedStore } from '../../server/seed.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { Store, type Resource } from '../../server/store.ts'
import { runSuiteCli } from '../self-test/run-cli.ts'
import { hostileFront } from './servers.ts'
import { spawnCli, until } from './spawn-cli.ts'

const TOKEN = 'tok-interrupt-0123456789'
let server: RunningServer
let seeded: Map<string, string>

const all = (): Resource[] => [...server.store.users.all(), ...server.store.groups.all()]
const runPrefixed = () =>
  all().filter((r) =>
    [r.userName, r.displayName, r.externalId].some((v) => typeof v === 'string' && v.startsWith('spf-')),
  )
const writes = () => server.log.entries.filter((e) => e.method !== 'GET')

beforeAll(async () => {
  server = await startServer({ token: TOKEN, store: seedStore(new Store(), { users: 1000, groups: 100 }) })
  seeded = new Map(all().map((r) => [r.id, JSON.stringify(r)]))
  expect(seeded.size).toBe(1100)
})
afterAll(() => server.close())

function expectSeedUntouched(): void {
  const now = new Map(
    all()
      .filter((r) => seeded.has(r.id))
      .map((r) => [r.id, JSON.stringify(r)]),
  )
  expect(now.size).toBe(seeded.size)
  for (const [id, json] of seeded) if (now.get(id) !== json) expect.fail(`seeded resource ${id} changed`)
  expect(runPrefixed()).toEqual([])
  // No PATCH, PUT or DELETE ever named a seeded id.
  const touched = writes().filter((e) => [...seeded.keys()].some((id) => e.url.includes(id)))
  expect(touched).toEqual([])
}

describe.sequential('1,000 seeded users and 100 groups', () => {
  test('a full run passes and leaves the seeded data as it was', async () => {
    const run = await runSuiteCli(['--strict'], { SCIM_BASE_URL: server.url, SCIM_TOKEN: TOKEN })
    expect(run.code).toBe(0)
    expect(run.report.leftovers).toEqual([])
    expectSeedUntouched()
  })

  test.each([
    ['SIGINT', 130, 1],
    ['SIGINT', 130, 3],
    ['SIGINT', 130, 5],
    ['SIGTERM', 143, 4],
  ] as const)('%s: exit %i, sent after %i POST(s); everything created is deleted', async (signal, code, afterPosts) => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-interrupt-'))
    const posts = server.log.counts.POST ?? 0
    const run = spawnCli(['--report', 'json', '--report-dir', dir], { SCIM_BASE_URL: server.url, SCIM_TOKEN: TOKEN })
    await until(() => (server.log.counts.POST ?? 0) >= posts + afterPosts)
    run.child.kill(signal)
    expect(await run.exit).toBe(code)
    const { stdout, stderr } = run.output()
    expect(stderr).toContain(`${signal}: stopping; deleting what this run created`)
    expect(stdout).toMatch(/Reports: /)
    expectSeedUntouched()
  })
})

test('Ctrl-C while a POST is in flight: the POST is allowed to finish, so the user it created is deleted too', async () => {
  // The server has created the user but has not answered yet when Ctrl-C arrives.
  const front = await hostileFront(
    server.url,
    () => false,
    (req) => (req.method === 'POST' ? 1500 : 0),
  )
  try {
    const posts = server.log.counts.POST ?? 0
    const run = spawnCli(['--report', 'console', '--only', 'create-user/*'], {
      SCIM_BASE_URL: front.url,
      SCIM_TOKEN: TOKEN,
    })
    await until(() => (server.log.counts.POST ?? 0) > posts)
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(130)
    expect(runPrefixed()).toEqual([])
    expectSeedUntouched()
  } finally {
    await front.close()
  }
})
