// Workload identity federation against the reference endpoint, with a key pair made for the test: the endpoint is
// set to trust its public half, and the suite signs with the private half (--wif-key), as a vendor's staging server
// and the suite would be set up. A good assertion gets a token; a wrong key, an expired assertion and a wrong
// audience are refused; a server that accepts any assertion fails the run; the key and assertions never leak.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { FEDERATION_ONLY } from '../../specs/authentication/authentication.ts'
import { faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { runCli } from './run-cli.ts'
import { parseCommand } from '../../helpers/config/command.ts'
import { toJwk } from '../../helpers/client/assertion.ts'
import { checkIdsWith, runInProcess } from './run-in-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'spf-wif-'))
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PRIVATE_PEM = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const PUBLIC_PEM = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const KEY = join(dir, 'wif-key.pem')
writeFileSync(KEY, PRIVATE_PEM)
const OTHER_KEY = join(dir, 'other-key.pem')
writeFileSync(
  OTHER_KEY,
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
)

const TENANT = '7f3e2a51-0c4b-4d8e-9a61-2b5c8d9e0f13'
const TRUST = {
  issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  subject: 'b1f0c7e2-4a3d-4e5f-8a9b-0c1d2e3f4a5b',
  audience: 'spf-wif-client',
}
const CLIENT_ID = 'spf-wif-client'

const servers: RunningServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

async function federatedServer(faultIds: string[] = []): Promise<RunningServer> {
  const server = await startServer({
    token: 'tok-wif-static-0123456789',
    oauth: { clientId: CLIENT_ID, federation: { publicKeyPem: PUBLIC_PEM, ...TRUST } },
    faults: faultsById(faultIds),
  })
  servers.push(server)
  return server
}

const federationArgs = (server: RunningServer, key = KEY): string[] => [
  '--url',
  server.url,
  '--token-url',
  server.tokenUrl!,
  '--client-id',
  CLIENT_ID,
  '--wif-key',
  key,
  '--wif-issuer',
  TRUST.issuer,
  '--wif-subject',
  TRUST.subject,
]

describe('workload identity federation with a generated key pair', () => {
  test('a good assertion gets a working token; a wrong key, an expired assertion and a wrong audience are refused', async () => {
    const server = await federatedServer()
    const run = await runInProcess(['--only', 'authentication/*', ...federationArgs(server)], { server })
    expect(run.crash).toBeUndefined()
    expect(checkIdsWith(run.checks, 'failed')).toEqual([])
    expect(checkIdsWith(run.checks, 'warned')).toEqual([])
    expect(checkIdsWith(run.checks, 'passed')).toEqual(
      expect.arrayContaining([
        ...FEDERATION_ONLY,
        'authentication/issued-token-works',
        'authentication/token-lifetime-within-gallery-range',
      ]),
    )
    // Federation only: the client-secret checks say why they did not run.
    const skipped = run.checks.filter((c) => c.outcome === 'skipped' && c.id !== 'authentication/refuses-expired-token')
    expect(skipped.map((c) => c.message)).toEqual(
      skipped.map(() => expect.stringMatching(/workload identity federation \(--wif-key\) and no client secret/)),
    )
  })

  test.each([
    [
      'federation-accepts-any-assertion',
      [
        'authentication/federation-refuses-expired-assertion',
        'authentication/federation-refuses-unsigned-assertion',
        'authentication/federation-refuses-wrong-audience',
        'authentication/federation-refuses-wrong-key',
      ],
    ],
    ['federation-accepts-expired-assertion', ['authentication/federation-refuses-expired-assertion']],
    ['federation-ignores-audience', ['authentication/federation-refuses-wrong-audience']],
  ])('a server with %s is caught', async (fault, broken) => {
    const server = await federatedServer([fault])
    const run = await runInProcess(['--strict', '--only', 'authentication/*', ...federationArgs(server)], { server })
    expect(checkIdsWith(run.checks, 'failed')).toEqual(broken)
  })

  test('a server that accepts any assertion fails the run (exit 1), and no key, assertion or token reaches any output', async () => {
    const server = await federatedServer(['federation-accepts-any-assertion'])
    const reports = mkdtempSync(join(dir, 'reports-'))
    // The forged-assertion checks are at the Security level: they fail a default run.
    const run = await runCli([
      '--only',
      'authentication/*',
      ...federationArgs(server),
      '--report',
      'console,json,junit,html,har,md',
      '--report-dir',
      reports,
    ])
    expect(run.code, run.stderr).toBe(1)
    const runDir = readdirSync(reports).find((d) => !d.startsWith('latest'))!
    const report = JSON.parse(readFileSync(join(reports, runDir, 'report.json'), 'utf8')) as {
      checks: { id: string; outcome: string }[]
      exchanges: { request: { body?: string } }[]
    }
    expect(report.checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toContain(
      'authentication/federation-refuses-wrong-key',
    )
    // Every token request carried an assertion, redacted in the record.
    const bodies = report.exchanges.map((e) => e.request.body ?? '').filter((b) => b.includes('client_assertion_type'))
    expect(bodies.length).toBeGreaterThanOrEqual(5)
    for (const b of bodies) expect(b).toMatch(/client_assertion=\[redacted\]/)
    const secrets = [...server.issuedTokens, PRIVATE_PEM.split('\n')[1]!]
    expect(server.issuedTokens.length).toBeGreaterThan(0)
    const files = readdirSync(reports, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    const outputs: [string, string][] = [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ...files.map((f) => [f.name, readFileSync(join(f.parentPath, f.name), 'utf8')] as [string, string]),
    ]
    for (const [name, text] of outputs) {
      for (const s of secrets) expect(text.includes(s), `${name} contains a secret`).toBe(false)
      expect(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./.test(text), `${name} contains a JWT`).toBe(false)
    }
  })

  test('a key the server does not trust stops the run before any flow: one line naming the assertion, exit 2', async () => {
    const server = await federatedServer()
    const run = await runCli([...federationArgs(server, OTHER_KEY), '--report', 'console'])
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /refused a client assertion \(RS256, kid [\w-]+, iss https:\/\/login\.microsoftonline\.com\/.*signed with .*other-key\.pem: it answered 400 \(invalid_client: the assertion's signature does not verify with the trusted key\); check that your server trusts this key \(--wif-key/,
    )
  })
})

describe('federation and rotation settings', () => {
  const bad = join(dir, 'not-a-key.pem')
  writeFileSync(bad, '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n')
  const pub = join(dir, 'public.pem')
  writeFileSync(pub, PUBLIC_PEM)
  const base = [
    '--url',
    'https://scim.example.com/scim/v2',
    '--token-url',
    'https://login.example.com/oauth2/token',
    '--client-id',
    'c1',
  ]
  const claims = ['--wif-issuer', TRUST.issuer, '--wif-subject', TRUST.subject]

  test.each([
    [
      'a missing key file',
      [...base, '--wif-key', join(dir, 'nope.pem'), ...claims],
      /^scim-preflight: --wif-key '.*nope\.pem' does not exist: give the PEM file of the RSA private key/,
    ],
    [
      'an unreadable PEM',
      [...base, '--wif-key', bad, ...claims],
      /^scim-preflight: --wif-key '.*not-a-key\.pem' is not a readable PEM private key/,
    ],
    [
      'a public key given as the private one',
      [...base, '--wif-key', pub, ...claims],
      /holds a public key or certificate, not the private key/,
    ],
    [
      'a key without the issuer and subject',
      [...base, '--wif-key', KEY],
      /--wif-key needs --wif-issuer and --wif-subject too/,
    ],
    [
      'a second client id without its secret',
      [...base, '--client-secret', 's1', '--client-id-2', 'c2'],
      /--client-id-2 is the id of a second client: give its secret with --client-secret-2/,
    ],
    [
      'a generated key against a real target',
      [...base, '--wif-key', 'generate', ...claims],
      /--wif-key generate goes with --built-in/,
    ],
    [
      '--wif-issuer without a key',
      [...base, '--client-secret', 's', '--wif-issuer', TRUST.issuer],
      /--wif-issuer goes with --wif-key/,
    ],
    [
      'a second secret without the first',
      [...base, '--wif-key', KEY, ...claims, '--client-secret-2', 'x'],
      /--client-secret-2 is a second secret of the same client: give the first with --client-secret/,
    ],
  ])('%s is one line, exit 2', async (_name, args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)])
  })

  test('--help lists the federation and rotation flags', async () => {
    const run = await runCli(['--help'])
    for (const flag of [
      '--wif-key',
      '--wif-issuer',
      '--wif-subject',
      '--wif-audience',
      '--wif-kid',
      '--client-secret-2',
      '--wif-public-key',
    ])
      expect(run.stdout).toContain(flag)
  })
})

// Entra's tenant publishes several keys and signs with one, named by the assertion's kid (Microsoft's federation
// guide): the endpoint trusts a key set (serve --wif-jwks) and picks the key by kid; the suite sends --wif-kid.
describe('federation against a key set (JWKS)', () => {
  const otherPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
  const JWKS = join(dir, 'jwks.json')
  writeFileSync(JWKS, JSON.stringify({ keys: [toJwk(otherPem, 'tenant-key-1'), toJwk(PUBLIC_PEM, 'tenant-key-2')] }))

  async function jwksServer(faultIds: string[] = []): Promise<RunningServer> {
    const cfg = parseCommand(
      [
        'serve',
        '--client-id',
        CLIENT_ID,
        '--wif-jwks',
        JWKS,
        '--wif-issuer',
        TRUST.issuer,
        '--wif-subject',
        TRUST.subject,
        '--wif-audience',
        TRUST.audience,
      ],
      {},
      dir,
    )
    if (cfg.kind !== 'serve') throw new Error(cfg.kind)
    expect(cfg.config.federation?.keys?.map((k) => k.kid)).toEqual(['tenant-key-1', 'tenant-key-2'])
    const server = await startServer({
      token: 'tok-wif-static-0123456789',
      oauth: { clientId: CLIENT_ID, federation: cfg.config.federation! },
      faults: faultsById(faultIds),
    })
    servers.push(server)
    return server
  }

  test('the key the kid names verifies the assertion; another key under that kid is still refused', async () => {
    const server = await jwksServer()
    const run = await runInProcess(
      ['--only', 'authentication/*', ...federationArgs(server), '--wif-kid', 'tenant-key-2'],
      { server },
    )
    expect(run.crash).toBeUndefined()
    expect(checkIdsWith(run.checks, 'failed')).toEqual([])
    expect(checkIdsWith(run.checks, 'passed')).toEqual(expect.arrayContaining([...FEDERATION_ONLY]))
  })

  test('a server that verifies with the first key of its set refuses Entra-signed assertions: exit 2, one line', async () => {
    const server = await jwksServer(['federation-verifies-first-jwks-key-only'])
    const run = await runCli([
      ...federationArgs(server),
      '--wif-kid',
      'tenant-key-2',
      '--only',
      'authentication/*',
      '--report',
      'console',
    ])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('tenant-key-2')
  })

  test('a file that is not a key set is one line, exit 2', async () => {
    const bad = join(dir, 'not-jwks.json')
    writeFileSync(bad, '{"keys": "none"}')
    const run = await runCli(['serve', '--client-id', CLIENT_ID, '--wif-jwks', bad])
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toBe(
      `scim-preflight: --wif-jwks '${bad}' has no "keys" list (RFC 7517 §5): give a JWKS file of RSA keys`,
    )
  })
})

// Microsoft's gallery requirements accept rotation by a new client ID and secret as well as by several secrets of one
// client: --client-id-2 names the second client, and its secret must get a working token while the first still works.
describe('rotation by a second client id (--client-id-2)', () => {
  async function rotationServer(clientId2?: string): Promise<RunningServer> {
    const server = await startServer({
      token: 'tok-rotation-static-0123456789',
      oauth: { clientId: 'c1', clientSecret: 's1', clientSecret2: 's2', ...(clientId2 ? { clientId2 } : {}) },
    })
    servers.push(server)
    return server
  }
  const args = (server: RunningServer) => [
    '--only',
    'authentication/second-client-secret-works',
    '--url',
    server.url,
    '--token-url',
    server.tokenUrl!,
    '--client-id',
    'c1',
    '--client-secret',
    's1',
    '--client-id-2',
    'c2',
    '--client-secret-2',
    's2',
  ]
  test('a server that issued the second client gives both clients working tokens', async () => {
    const server = await rotationServer('c2')
    const run = await runInProcess(args(server), { server })
    expect(checkIdsWith(run.checks, 'passed')).toEqual(['authentication/second-client-secret-works'])
  })
  test('a server that does not know the second client fails rotation', async () => {
    const server = await rotationServer()
    const run = await runInProcess(['--gallery', ...args(server)], { server })
    expect(checkIdsWith(run.checks, 'failed')).toEqual(['authentication/second-client-secret-works'])
    expect(run.checks.find((c) => c.outcome === 'failed')?.message).toContain('the second client (--client-id-2')
  })
})
