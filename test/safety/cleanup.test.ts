// Leftovers of runs killed with SIGKILL, removed by `scim-preflight cleanup`; and a report that lists what a
// run could not delete, with the reason.
import { afterAll, describe, expect, test } from 'vitest'
import type { Fault } from '../../server/faults/define-fault.ts'
import { scimError } from '../../server/http.ts'
import { seedStore } from '../../server/seed.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { Store, type Resource } from '../../server/store.ts'
import { runCli, runSuiteCli } from '../self-test/run-cli.ts'
import { spawnCli, until } from './spawn-cli.ts'

const TOKEN = 'tok-cleanup-0123456789'
const servers: RunningServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))

const prefixed = (r: Resource) =>
  [r.userName, r.displayName, r.externalId].some((v) => typeof v === 'string' && /^spf-[0-9a-f]{8}-/.test(v))
const leftovers = (s: RunningServer) => [...s.store.users.all(), ...s.store.groups.all()].filter(prefixed)
const snapshot = (s: RunningServer) =>
  [...s.store.users.all(), ...s.store.groups.all()]
    .filter((r) => !prefixed(r))
    .map((r) => JSON.stringify(r))
    .sort()

/** An Entra-style server: only `eq` filters; `sw` is refused with 400 invalidFilter. */
const noStartsWith: Fault = {
  id: 'test-only-no-sw',
  summary: 'Refuses sw filters.',
  breaks: [],
  intercept: (req) =>
    req.query.get('filter')?.includes(' sw ') ? scimError(400, 'Only eq is supported', 'invalidFilter') : undefined,
}

/** A server with seeded data and what a run killed with SIGKILL left behind; returns the killed run's prefix. */
async function withLeftovers(faults: Fault[] = []): Promise<{ server: RunningServer; prefix: string }> {
  const server = await startServer({ token: TOKEN, store: seedStore(new Store(), { users: 25, groups: 3 }), faults })
  servers.push(server)
  const run = spawnCli(['--report', 'json', '--report-dir', '/tmp/spf-cleanup-killed'], {
    SCIM_BASE_URL: server.url,
    SCIM_TOKEN: TOKEN,
  })
  await until(() => leftovers(server).length >= 3)
  run.child.kill('SIGKILL')
  expect(await run.exit).toBe('SIGKILL')
  const prefix = /resources are named (spf-[0-9a-f]{8})-/.exec(run.output().stdout)?.[1]
  expect(prefix).toBeDefined()
  return { server, prefix: prefix! }
}

describe.concurrent('scim-preflight cleanup', () => {
  test('without a terminal and without --yes it lists what it found, deletes nothing, and exits 2', async () => {
    const { server, prefix } = await withLeftovers()
    const before = leftovers(server).length
    const r = await runCli(['cleanup', '--run', prefix, '--url', server.url, '--token', TOKEN])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /not deleting \d+ resource\(s\) without confirmation: no terminal to ask on, so re-run with --yes/,
    )
    expect(r.stdout).toMatch(new RegExp(`User\\s+\\S+\\s+${prefix}-u1\\.`))
    expect(leftovers(server).length).toBe(before)
  })

  test("--run PREFIX --yes deletes that run's users and nothing else (sw filters)", async () => {
    const { server, prefix } = await withLeftovers()
    const other: Resource = {
      id: 'other-run-user',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'spf-0badc0de-u1.kept@contoso.example',
    }
    server.store.users.put(other)
    const kept = snapshot(server)
    const r = await runCli(['cleanup', '--run', prefix, '--yes', '--url', server.url, '--token', TOKEN])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/searched with sw filters/)
    expect(leftovers(server).map((l) => l.id)).toEqual(['other-run-user'])
    expect(snapshot(server)).toEqual(kept)
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
  })

  test("--all-runs --yes on a server without sw pages through everything and deletes every run's leftovers", async () => {
    const { server } = await withLeftovers([noStartsWith])
    server.store.users.put({
      id: 'other-run-user',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'spf-0badc0de-u1.gone@contoso.example',
    })
    server.store.groups.put({
      id: 'other-run-group',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'spf-0badc0de-g2 Sales team',
      externalId: 'spf-0badc0de-5f0c',
    })
    // Looks similar but is not a run prefix: must stay.
    server.store.users.put({
      id: 'lookalike',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'spf-marketing@contoso.example',
    })
    const kept = snapshot(server)
    const r = await runCli(['cleanup', '--all-runs', '--yes', '--url', server.url, '--token', TOKEN])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /\/Users: the filter userName sw "spf-" was refused \(HTTP 400\); paging through every resource instead/,
    )
    expect(leftovers(server)).toEqual([])
    expect(snapshot(server)).toEqual(kept)
    expect(server.store.users.has('lookalike')).toBe(true)
  })

  // A server whose group filters answer an empty list to everything: "nothing found" by filter proves nothing.
  const groupFilterEmpty: Fault = {
    id: 'test-only-group-filter-empty',
    summary: 'Group filters return nothing.',
    breaks: [],
    intercept: (req) =>
      req.path === '/Groups' && req.query.get('filter')
        ? {
            status: 200,
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] },
          }
        : undefined,
  }
  const runGroup = (id: string): Resource => ({
    id,
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'spf-0badc0de-g1 Sales team',
  })

  test('a filter that finds nothing is tested on a group it can see; when it fails that, every group is paged through', async () => {
    const server = await startServer({
      token: TOKEN,
      store: seedStore(new Store(), { users: 5, groups: 3 }),
      faults: [groupFilterEmpty],
    })
    servers.push(server)
    server.store.groups.put(runGroup('left-group'))
    const r = await runCli(['cleanup', '--run', 'spf-0badc0de', '--yes', '--url', server.url, '--token', TOKEN])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /\/Groups: the filter displayName sw "…" found nothing, and does not find group \S+ either \(0 result\(s\)\); paging through every resource instead/,
    )
    expect(r.stdout).toMatch(/Deleted 1 of 1\./)
    expect(server.store.groups.has('left-group')).toBe(false)
  })

  test('a cleanup that could not search everything says so and exits 1, never "Nothing to delete"', async () => {
    const noGroupListing: Fault = {
      ...groupFilterEmpty,
      id: 'test-only-no-group-listing',
      intercept: (req) =>
        req.path === '/Groups' && req.method === 'GET'
          ? req.query.get('filter')
            ? groupFilterEmpty.intercept!(req)
            : scimError(500, 'listing disabled')
          : undefined,
    }
    const server = await startServer({
      token: TOKEN,
      store: seedStore(new Store(), { users: 5, groups: 3 }),
      faults: [noGroupListing],
    })
    servers.push(server)
    server.store.groups.put(runGroup('left-group'))
    const r = await runCli(['cleanup', '--all-runs', '--yes', '--url', server.url, '--token', TOKEN])
    expect(r.code).toBe(1)
    expect(r.stdout).not.toMatch(/Nothing to delete/)
    expect(r.stdout).toMatch(
      /Cleanup incomplete: part of the server could not be searched \(\/Groups: could not list resources \(HTTP 500\)\)/,
    )
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^Cleanup incomplete/)
  })

  test.each([
    [['cleanup', '--url', 'http://127.0.0.1:1/scim', '--token', 't'], /exactly one of --run/],
    [
      ['cleanup', '--run', 'spf-1234', '--url', 'http://127.0.0.1:1/scim', '--token', 't'],
      /--run 'spf-1234' is not a run prefix/,
    ],
    [['cleanup', '--all-runs'], /cleanup needs the target/],
  ])('usage errors: %j', async (args, message) => {
    const r = await runCli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

test('a run lists what it could not delete, with the reason and the cleanup command', async () => {
  const refuseDelete: Fault = {
    id: 'test-only-refuse-delete',
    summary: 'DELETE fails.',
    breaks: [],
    intercept: (req) => (req.method === 'DELETE' ? scimError(500, 'storage offline') : undefined),
  }
  const server = await startServer({ token: TOKEN, faults: [refuseDelete] })
  servers.push(server)
  const run = await runSuiteCli(['--only', 'create-user/*'], { SCIM_BASE_URL: server.url, SCIM_TOKEN: TOKEN })
  expect(run.report.leftovers.length).toBeGreaterThan(0)
  expect(
    run.report.leftovers.every(
      (l) => l.reason === 'DELETE answered 500' && l.name.startsWith(run.report.run.runPrefix),
    ),
  ).toBe(true)
  expect(run.report.run.notices.join('\n')).toContain(`scim-preflight cleanup --run ${run.report.run.runPrefix}`)
})
