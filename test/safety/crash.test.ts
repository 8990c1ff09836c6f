// A crash inside the runner (a bug) still deletes what the run created, and the run result says what happened.
import { expect, test } from 'vitest'
import { parseCommand } from '../../helpers/config/command.ts'
import { type RunConfig } from '../../helpers/config/run.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { runnerOptions, runSuite } from '../../helpers/suite/run-suite.ts'
import { ScimClient } from '../../helpers/client/scim-client.ts'
import { catalog } from '../../specs/catalog.ts'
import { flows } from '../../specs/flows.ts'
import { startServer } from '../../server/start.ts'

test('an exception in the runner stops the run, deletes every created user, and is reported', async () => {
  const server = await startServer({ token: 'tok-crash-0123456789' })
  try {
    const command = parseCommand(['--url', server.url, '--token', server.token, '--seed', '7'], {}, process.cwd())
    const config = (command as { config: RunConfig }).config
    const client = new ScimClient({
      ...config,
      baseUrl: server.url,
      token: async () => server.token,
      secrets: () => [server.token],
    })
    let createdSeen = 0
    const out = await runSuite({
      options: runnerOptions(config, loadProfile(config.profile)),
      flows,
      catalog,
      client,
      profile: loadProfile('entra-default'),
      runPrefix: 'spf-0c0a5e00',
      signal: new AbortController().signal,
      // The crash comes while other flows (four run at once) hold users they created.
      onCheck: () => {
        createdSeen = Math.max(createdSeen, server.store.users.size)
      },
      onFlow: (flow) => {
        if (flow.id === 'create-user') throw new Error('renderer exploded')
      },
    })
    expect(out.crash).toBe('Create User: Error: renderer exploded')
    expect(createdSeen).toBeGreaterThan(0)
    expect(server.store.users.size).toBe(0)
    expect(out.leftovers).toEqual([])
    expect(out.checks.filter((c) => c.outcome === 'skipped').map((c) => c.message)).toContain(
      'the run crashed (Create User: Error: renderer exploded)',
    )
  } finally {
    await server.close()
  }
})
