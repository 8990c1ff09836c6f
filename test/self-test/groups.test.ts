// Group flows as a user meets them: the legacy member removal that empties a group, and a users-only run.
import { describe, expect, test } from 'vitest'
import { faultsById } from '../../server/faults/index.ts'
import { startServer } from '../../server/start.ts'
import { idsWith, runCli, runSuiteCli } from './run-cli.ts'

describe('group flows', () => {
  test('a server that empties the group on the legacy removal: exit 1, saying other members were lost and showing the request', async () => {
    const server = await startServer({
      token: 'tok-remove-members-abcdef',
      faults: faultsById(['remove-with-value-empties-group']),
    })
    try {
      const r = await runCli(['--report', 'console', '--verbose', '--only', 'update-group-remove-members/*'], {
        SCIM_BASE_URL: server.url,
        SCIM_TOKEN: server.token,
      })
      expect(r.code).toBe(1)
      const failure = r.stdout.slice(r.stdout.indexOf('✘ update-group-remove-members/keeps-other-members'))
      expect(failure).toContain('[legacy]')
      expect(failure).toMatch(
        /other members were lost: PATCH \/scim\/v2\/Groups\/[0-9a-f-]+ → 204 No Content with Operations \[\{"op":"Remove","path":"members","value":\[\{"value":"[0-9a-f-]+"\}\]\}\]/,
      )
      expect(failure).toMatch(/2 of the 2 other members/)
      expect(r.stdout).not.toMatch(/✘ update-group-remove-members\/keeps-other-members .*\[aadOptscim062020\]/)
      expect(r.stdout + r.stderr).not.toContain(server.token)
    } finally {
      await server.close()
    }
  })

  test('--no-groups skips every group flow with the reason, and the report says gallery onboarding requires groups', async () => {
    const run = await runSuiteCli([
      '--no-groups',
      '--only',
      'test-connection/*',
      '--only',
      'create-group/*',
      '--only',
      'delete-group/*',
    ])
    expect(run.code).toBe(0)
    const skipped = run.report.checks.filter((c) => c.outcome === 'skipped')
    expect(idsWith(run.report, 'skipped')).toEqual(
      expect.arrayContaining(['create-group/responds-201', 'delete-group/responds-204']),
    )
    expect(skipped.every((c) => /--no-groups.*gallery onboarding requires groups/.test(c.message ?? ''))).toBe(true)
    expect(run.report.run.notices.join('\n')).toMatch(/Microsoft requires group provisioning for gallery apps/)
    expect(run.report.verdict.gallery.text).toMatch(/not met: groups/)
    expect(run.report.verdict.gallery.items.find((i) => i.id === 'groups')?.basis).toEqual([
      '--no-groups: the group flows were not run',
    ])
  })
})
