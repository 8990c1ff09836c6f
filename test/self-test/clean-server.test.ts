// The clean reference endpoint passes every check, with no warning, and every catalog id runs in one of the
// clean runs: secret token (OAuth checks skipped), client credentials with a second secret and federation,
// short-lived tokens for the expiry check, and the extended profile for what only a profile that maps more sends.
// The first is the CLI as a user starts it (stderr, notices, exit code); the others run the flows in-process.
import { afterAll, describe, expect, test } from 'vitest'
import { OAUTH_ONLY } from '../../specs/authentication/authentication.ts'
import { catalog } from '../../specs/catalog.ts'
import { ONE_DIALECT_ONLY } from '../../specs/users/shared-claims.ts'
import { PROFILE_ONLY } from '../../specs/profile-only.ts'
import { startServer } from '../../server/start.ts'
import { idsWith, OAUTH_ARGS, OAUTH_CLIENT, runSuiteCli, SECOND_SECRET } from './run-cli.ts'
import { checkIdsWith, runInProcess } from './run-in-process.ts'

const EXPIRY = 'authentication/refuses-expired-token'
const passed = new Set<string>()
/** Skipped checks, but those of a shape one dialect sends that passed in that dialect (skipped in the other, saying why). */
const skippedIn = (report: Parameters<typeof idsWith>[0]): string[] =>
  idsWith(report, 'skipped').filter(
    (id) => !(ONE_DIALECT_ONLY.includes(id) && idsWith(report, 'passed').includes(id)) && !PROFILE_ONLY.includes(id),
  )

describe('the clean reference endpoint', () => {
  test('with a secret token: passes every check in both dialects; only the OAuth checks are skipped, saying why', async () => {
    // This run builds the whole 1,000-member group (a default run skips it: --large-group N or --gallery builds it).
    const run = await runSuiteCli(['--strict', '--seed', '7', '--large-group', '1000'], {}, { timeoutMs: 180_000 })
    expect(run.stderr).toBe('')
    expect(idsWith(run.report, 'failed')).toEqual([])
    expect(idsWith(run.report, 'warned')).toEqual([])
    expect(skippedIn(run.report)).toEqual([...OAUTH_ONLY].sort())
    for (const c of run.report.checks.filter((c) => c.outcome === 'skipped' && !ONE_DIALECT_ONLY.includes(c.id)))
      expect(c.message).toMatch(
        PROFILE_ONLY.includes(c.id)
          ? /profile 'entra-default' does not map/
          : /OAuth client credentials are not configured/,
      )
    expect(run.report.run.notices.join('\n')).toMatch(/gallery SCIM apps only with OAuth 2\.0 client credentials/)
    expect(run.report.leftovers).toEqual([])
    expect(run.code).toBe(0)
    for (const id of idsWith(run.report, 'passed')) passed.add(id)
  }, 180_000)

  test('with client credentials (two secrets), federation and --gallery: passes every check and every gallery requirement it can show; the expiry check is skipped for one-hour tokens', async () => {
    const run = await runSuiteCli(
      [
        '--strict',
        '--gallery',
        '--seed',
        '7',
        ...OAUTH_ARGS,
        '--client-secret-2',
        SECOND_SECRET,
        '--wif-key',
        'generate',
      ],
      {},
      { timeoutMs: 180_000 },
    )
    // The built-in endpoint speaks plain HTTP on loopback: HTTPS is the one requirement it cannot show, and the verdict says it is the built-in endpoint.
    expect(
      run.report.verdict.gallery.items.filter((i) => i.status !== 'met').map((i) => `${i.id}: ${i.status}`),
    ).toEqual(['https: not-tested'])
    expect(run.report.verdict.gallery.items.find((i) => i.id === 'oauth')?.basis[0]).toBe(
      'shown with a client secret and workload identity federation (a signed client assertion)',
    )
    expect(run.report.verdict.kind).toBe('not-ready')
    expect(run.report.verdict.headline).toMatch(/^Built-in reference endpoint/)
    expect(run.stderr).toBe('')
    expect(idsWith(run.report, 'failed')).toEqual([])
    expect(idsWith(run.report, 'warned')).toEqual([])
    expect(skippedIn(run.report)).toEqual([EXPIRY])
    expect(run.report.checks.find((c) => c.id === EXPIRY)?.message).toMatch(/the token lives 1 h/)
    expect(run.report.leftovers).toEqual([])
    expect(run.code).toBe(0)
    for (const id of idsWith(run.report, 'passed')) passed.add(id)
  }, 180_000)

  describe('issuing tokens that live 2 s', () => {
    const started = startServer({
      token: 'tok-short-lived-abcdef',
      oauth: { ...OAUTH_CLIENT, tokenLifetimeSeconds: 2 },
    })
    afterAll(async () => (await started).close())

    test('refuses the token once it has expired', async () => {
      const server = await started
      const run = await runInProcess(
        [
          '--strict',
          '--only',
          EXPIRY,
          '--url',
          server.url,
          '--token-url',
          server.tokenUrl!,
          '--client-id',
          OAUTH_CLIENT.clientId,
          '--client-secret',
          OAUTH_CLIENT.clientSecret,
        ],
        { server },
      )
      expect(checkIdsWith(run.checks, 'passed')).toEqual([EXPIRY])
      passed.add(EXPIRY)
    })
  })

  test('with the extended profile: the later matching attributes and the group attributes it maps pass', async () => {
    const run = await runInProcess([
      '--strict',
      '--seed',
      '7',
      '--profile',
      'entra-extended',
      '--only',
      'create-user/*',
      '--only',
      'create-group/*',
      '--only',
      'update-group-non-member-attributes/*',
    ])
    expect(run.crash).toBeUndefined()
    expect(checkIdsWith(run.checks, 'failed')).toEqual([])
    expect(checkIdsWith(run.checks, 'warned')).toEqual([])
    expect(checkIdsWith(run.checks, 'passed')).toEqual(expect.arrayContaining([...PROFILE_ONLY]))
    expect(run.leftovers).toEqual([])
    for (const id of checkIdsWith(run.checks, 'passed')) passed.add(id)
  })

  test('every catalog id passed in one of the clean runs', () => {
    expect([...passed].sort()).toEqual(Object.keys(catalog).sort())
  })
})
