// run, diagnose, cleanup and load get their target from one module: each authenticates with OAuth client
// credentials against the reference endpoint (the issued token reaches it), and each stops with exit 2 and one
// line when the secret or the token is refused or the base URL lacks its path. Child processes, kept short.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Fault } from '../../server/faults/define-fault.ts'
import { DIAGNOSE_EXIT } from '../../helpers/diagnose/to-report.ts'
import { TOKEN_PATH } from '../../server/routes/token.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { runCli } from '../self-test/run-cli.ts'

const STATIC_TOKEN = 'tok-target-static-0123456789'
const CLIENT = { clientId: 'spf-target-client', clientSecret: 'Target~Secret.4kQ9_zz' }
const reports = mkdtempSync(join(tmpdir(), 'spf-target-'))

/** Counts, per Authorization value, the SCIM requests that reached the endpoint (the token endpoint's own aside). */
const seen = new Map<string, number>()
const counting: Fault = {
  id: 'test-only-count-authorization',
  summary: 'Counts the Authorization headers of SCIM requests.',
  breaks: [],
  intercept: (req) => {
    if (req.path !== TOKEN_PATH)
      seen.set(req.headers.authorization ?? '(none)', (seen.get(req.headers.authorization ?? '(none)') ?? 0) + 1)
    return undefined
  },
}

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ token: STATIC_TOKEN, oauth: CLIENT, faults: [counting] })
})
afterAll(async () => {
  await server.close()
  rmSync(reports, { recursive: true, force: true })
})

const COMMANDS = {
  run: ['--only', 'test-connection/*', '--report', 'console'],
  diagnose: ['diagnose', '--report', 'console'],
  cleanup: ['cleanup', '--all-runs', '--yes'],
  // Paced below the gallery's 25 requests/second, the verdict does not depend on how fast this machine is (unpaced, a
  // busy machine measured 13 req/s and the command rightly exited 1): the test is about the credential, not the rate.
  load: ['load', '--users', '5', '--groups', '1', '--rate', '20', '--report', 'console', '--no-progress'],
} as const
/** diagnose without provisioning logs is inconclusive (issue 19), its own exit code; the others have nothing to find. */
const CLEAN_EXIT: Record<string, number> = { diagnose: DIAGNOSE_EXIT.inconclusive }

const oauth = (secret: string) => [
  '--token-url',
  server.tokenUrl!,
  '--client-id',
  CLIENT.clientId,
  '--client-secret',
  secret,
]
const issuedTokensSeen = () => server.issuedTokens.reduce((n, t) => n + (seen.get(`Bearer ${t}`) ?? 0), 0)

describe('OAuth client credentials reach the endpoint from every command', () => {
  // One at a time: each command's count of requests carrying an issued token is read before and after it.
  test.each(Object.entries(COMMANDS))('%s', async (name, args) => {
    const before = issuedTokensSeen()
    const r = await runCli([...args, '--url', server.url, ...oauth(CLIENT.clientSecret)], { SCIM_REPORT_DIR: reports })
    expect(r.code, r.stderr + r.stdout).toBe(CLEAN_EXIT[name] ?? 0)
    expect(issuedTokensSeen()).toBeGreaterThan(before)
    // The secret token was never needed, and no secret or issued token reached the output.
    expect(seen.get(`Bearer ${STATIC_TOKEN}`) ?? 0).toBe(0)
    for (const secret of [CLIENT.clientSecret, ...server.issuedTokens])
      expect(r.stdout + r.stderr, name).not.toContain(secret)
  })
})

describe.concurrent('a refused credential or a wrong base path: exit 2, one line, for every command', () => {
  const cases = Object.entries(COMMANDS).flatMap(
    ([name, args]) =>
      [
        [
          name,
          'a refused client secret',
          () => [...args, '--url', server.url, ...oauth('not-the-secret-123')],
          /^scim-preflight: the token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/token refused the client credentials: it answered 401 \(invalid_client/,
        ],
        [
          name,
          'a wrong secret token',
          () => [...args, '--url', server.url, '--token', 'tok-wrong-0000000'],
          /^scim-preflight: http:\/\/127\.0\.0\.1:\d+\/scim\/v2 refused the token: GET \/scim\/v2\/Users\?filter=userName\+eq\+%22[0-9a-f-]+%22 answered 401 Unauthorized.*check --token \(SCIM_TOKEN\)/,
        ],
        [
          name,
          'a base URL without /scim/v2',
          () => [...args, '--url', new URL(server.url).origin, '--token', STATIC_TOKEN],
          /^scim-preflight: http:\/\/127\.0\.0\.1:(\d+) is not a SCIM endpoint: .* answered 404 Not Found .*; http:\/\/127\.0\.0\.1:\1\/scim\/v2 answers as a SCIM endpoint: use --url http:\/\/127\.0\.0\.1:\1\/scim\/v2/,
        ],
      ] as const,
  )
  test.each(cases)('%s: %s', async (_name, _case, args, message) => {
    const r = await runCli(args() as string[], { SCIM_REPORT_DIR: reports })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message)
    expect(r.stdout + r.stderr).not.toContain('not-the-secret-123')
    expect(r.stdout + r.stderr).not.toContain('tok-wrong-0000000')
    expect(r.stdout).not.toMatch(/Nothing to delete|passed ·/)
  })
})
