// With client credentials, neither the client secret nor any token the endpoint issued appears in stdout, stderr,
// or any artifact of any report format, also when a check fails on a token request that carried the secret in its body.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { basicAuthorization } from '../../helpers/client/oauth.ts'
import { faultsById } from '../../server/faults/index.ts'
import { startServer } from '../../server/start.ts'
import { runCli } from './run-cli.ts'

const CLIENT = { clientId: 'spf-leak-client', clientSecret: 'Leak~Sentinel.9f2Kq7Zr_secret' }

describe('secrets with OAuth client credentials', () => {
  test.each([
    ['the clean endpoint', [], 0],
    ['a token endpoint that reads credentials only from the body', ['token-endpoint-reads-body-credentials-only'], 1],
    // Accepting a wrong secret is RFC only (Entra sends only the configured one): a warning, exit 0.
    ['a token endpoint that accepts any secret', ['token-endpoint-accepts-any-secret'], 0],
  ] as const)('%s: no secret or issued token in any output', async (_name, faultIds, exitCode) => {
    const server = await startServer({
      token: 'tok-static-leak-test-abcdef',
      oauth: CLIENT,
      faults: faultsById(faultIds),
    })
    const dir = mkdtempSync(join(tmpdir(), 'spf-oauth-secrets-'))
    const summary = join(dir, 'step-summary.md')
    try {
      const run = await runCli(['--report', 'console,json,junit,html,har,md', '--report-dir', dir, '--seed', '7'], {
        SCIM_BASE_URL: server.url,
        SCIM_TOKEN_URL: server.tokenUrl!,
        SCIM_CLIENT_ID: CLIENT.clientId,
        SCIM_CLIENT_SECRET: CLIENT.clientSecret,
        GITHUB_STEP_SUMMARY: summary,
      })
      expect(run.code, run.stderr).toBe(exitCode)
      const issued = server.issuedTokens
      expect(issued.length).toBeGreaterThan(0)
      const secrets = [
        CLIENT.clientSecret,
        basicAuthorization(CLIENT.clientId, CLIENT.clientSecret).slice('Basic '.length),
        ...issued,
      ]

      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
      expect(files.map((f) => f.name)).toEqual(
        expect.arrayContaining(['report.json', 'report.html', 'junit.xml', 'step-summary.md']),
      )
      const outputs: [string, string][] = [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
        ...files.map((f) => [f.name, readFileSync(join(f.parentPath, f.name), 'utf8')] as [string, string]),
      ]
      for (const [name, text] of outputs) {
        for (const s of secrets) expect(text.includes(s), `${name} contains a secret`).toBe(false)
      }
      // The token exchanges are in the report, redacted rather than left out.
      const json = outputs.find(([n]) => n === 'report.json')![1]
      expect(json).toContain('/oauth2/token')
      expect(json).toContain('Basic [redacted]')
    } finally {
      await server.close()
    }
  })
})
