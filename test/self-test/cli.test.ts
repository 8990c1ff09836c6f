// The CLI as a user meets it: bad input is one line and exit 2; an unreachable target says why; the token never shows.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, test } from 'vitest'
import { faultsById } from '../../server/faults/index.ts'
import { startServer } from '../../server/start.ts'
import { SCIM_VARIABLES } from '../../helpers/config/variables.ts'
import { runCli } from './run-cli.ts'

const oneLine = (stderr: string) => stderr.trim().split('\n')

describe('usage errors: one line on stderr, exit 2, no stack trace', () => {
  test.each([
    ['malformed URL', ['--url', 'not a url', '--token', 't'], /is not a valid URL/],
    ['URL with another scheme', ['--url', 'ftp://example.com/scim', '--token', 't'], /must start with https:\/\//],
    ['URL without a token', ['--url', 'https://example.com/scim'], /needs a token/],
    ['unknown flag', ['--colour'], /unknown flag --colour/],
    ['non-numeric timeout', ['--timeout', 'soon'], /--timeout 'soon' is not a duration/],
    ['unknown dialect', ['--dialect', 'v2'], /is not a PATCH dialect/],
    ['unknown report format', ['--report', 'pdf'], /is not a report format/],
    ['unknown profile', ['--profile', 'okta'], /is not a built-in profile/],
    ['unknown fault', ['--fault', 'nope'], /is not a known fault/],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a selection that matches no check', ['--only', 'nope/*'], /--only\/--skip select no check/],
    [
      'client credentials without a token URL',
      ['--url', 'https://example.com/scim', '--client-id', 'a', '--client-secret', 'b'],
      /need all three of --token-url/,
    ],
    [
      'a token URL for the built-in endpoint',
      ['--built-in', '--token-url', 'https://example.com/token', '--client-id', 'a', '--client-secret', 'b'],
      /--token-url goes with --url/,
    ],
    [
      'a token without a base URL (never the built-in endpoint)',
      ['--token', 'x'],
      /--token was given without a base URL: set SCIM_BASE_URL or pass --url/,
    ],
    [
      'client credentials without a base URL',
      ['--client-id', 'a', '--client-secret', 'b'],
      /--client-id, --client-secret were given without a base URL.*--built-in/,
    ],
    [
      'a malformed token URL',
      ['--url', 'https://example.com/scim', '--token-url', 'token', '--client-id', 'a', '--client-secret', 'b'],
      /--token-url 'token' is not a valid URL/,
    ],
    [
      'serve with a client id but no secret',
      ['serve', '--client-id', 'a'],
      /needs both --client-id and --client-secret/,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await runCli(args as string[])
    expect(r.code).toBe(2)
    expect(oneLine(r.stderr)).toHaveLength(1)
    expect(r.stderr).toMatch(message as RegExp)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  test('a selection that judged nothing is no pass: "Nothing judged", exit 1', async () => {
    // The check runs only with a profile that maps a second matching attribute: the default profile skips it.
    const r = await runCli([
      '--built-in',
      '--only',
      'create-user/finds-user-by-each-matching-attribute',
      '--report',
      'console',
    ])
    expect(r.stdout).toContain('Nothing judged: none of the')
    expect(r.code).toBe(1)
  })

  test('a misspelt SCIM_* variable names the one meant', async () => {
    const r = await runCli([], { SCIM_BASEURL: 'https://api.example.com/scim/v2', SCIM_TOKEN: 'x' })
    expect(r.code).toBe(2)
    expect(oneLine(r.stderr)).toEqual([
      `scim-preflight: unknown variable SCIM_BASEURL in the environment: did you mean SCIM_BASE_URL? (scim-preflight reads ${SCIM_VARIABLES.length} SCIM_* variables; see .env.example)`,
    ])
  })

  test("a CI job's missing secrets (set but empty) and a CI job with no target at all: exit 2, never the built-in endpoint", async () => {
    for (const env of [
      { SCIM_BASE_URL: '', SCIM_TOKEN: '' },
      { CI: 'true' },
      { CI: 'true', SCIM_BASE_URL: '', SCIM_TOKEN: '' },
    ] as Record<string, string>[]) {
      const r = await runCli(['--report', 'console'], env)
      expect(r.code, JSON.stringify(env)).toBe(2)
      expect(oneLine(r.stderr)).toHaveLength(1)
      expect(r.stderr).toMatch(/SCIM_BASE_URL is set but empty|no target in CI \(CI=true\)/)
      expect(r.stdout).toBe('')
    }
  })

  test('--load-report measured against another URL, or the built-in endpoint, is refused for this target', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'spf-load-report-'))
    const report = (target: string, embedded: boolean) => {
      const file = join(dir, `${embedded ? 'built-in' : 'other'}.json`)
      writeFileSync(
        file,
        JSON.stringify({
          target,
          embedded,
          throughput: { requestsPerSecond: 300, requests: 4000, toolLimited: false },
          kinds: [],
        }),
      )
      return file
    }
    const target = [
      '--url',
      'https://staging.example.com/scim/v2',
      '--token',
      'tok',
      '--gallery',
      '--report',
      'console',
    ]
    const other = await runCli([...target, '--load-report', report('https://other.example.com/scim/v2', false)])
    expect(other.code).toBe(2)
    expect(oneLine(other.stderr)).toEqual([
      expect.stringMatching(
        /--load-report '.*other\.json' was measured against https:\/\/other\.example\.com\/scim\/v2, not https:\/\/staging\.example\.com\/scim\/v2: measure this one with 'scim-preflight load --url https:\/\/staging\.example\.com\/scim\/v2' and pass that load\.json$/,
      ),
    ])
    const builtIn = await runCli([...target, '--load-report', report('http://127.0.0.1:41234/scim/v2', true)])
    expect(builtIn.code).toBe(2)
    expect(builtIn.stderr).toMatch(
      /was measured against the built-in reference endpoint, not https:\/\/staging\.example\.com\/scim\/v2/,
    )
  })

  test('SCIM_BASE_URL from the environment is validated the same way', async () => {
    const r = await runCli([], { SCIM_BASE_URL: 'http//broken', SCIM_TOKEN: 'x' })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/SCIM_BASE_URL 'http\/\/broken' is not a valid URL/)
  })
})

describe('unreachable targets: exit 2 naming the reason', () => {
  test('connection refused', async () => {
    const server = http.createServer().listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const { port } = server.address() as AddressInfo
    await new Promise((r) => server.close(r))
    const r = await runCli(['--url', `http://127.0.0.1:${port}/scim/v2`, '--token', 'secret-token-1234'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot reach .*connection refused/)
    expect(r.stdout + r.stderr).not.toContain('secret-token-1234')
  })

  test('an unreachable token endpoint, without printing the client secret', async () => {
    const server = http.createServer().listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const { port } = server.address() as AddressInfo
    await new Promise((r) => server.close(r))
    const r = await runCli([
      '--url',
      `http://127.0.0.1:${port}/scim/v2`,
      '--token-url',
      `http://127.0.0.1:${port}/token`,
      '--client-id',
      'app',
      '--client-secret',
      'client-secret-98765',
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot reach the token endpoint .*connection refused/)
    expect(r.stdout + r.stderr).not.toContain('client-secret-98765')
  })

  test('DNS failure', async () => {
    const r = await runCli(['--url', 'https://does-not-exist.invalid/scim', '--token', 'secret-token-1234'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/DNS/)
  })
})

describe('against a served endpoint, as the README shows', () => {
  test('a server answering 404 to a zero-result filter: exit 1, naming the check, request, expected and actual', async () => {
    const server = await startServer({
      token: 'tok-404-server-abcdef',
      faults: faultsById(['filter-no-match-returns-404']),
    })
    try {
      const r = await runCli(['--report', 'console'], { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('test-connection/users-filter-responds-200')
      expect(r.stdout).toMatch(/GET \/scim\/v2\/Users\?filter=userName\+eq\+%22[0-9a-f-]+%22 → 404/)
      expect(r.stdout).toMatch(/expected 200, got 404/)
      expect(r.stdout).toContain('SystemForCrossDomainIdentityManagementServiceIncompatible')
      expect(r.stdout + r.stderr).not.toContain(server.token)
    } finally {
      await server.close()
    }
  })

  test('the clean served endpoint: exit 0, and the first line names the target', async () => {
    const server = await startServer({ token: 'tok-clean-server-abcdef' })
    try {
      const r = await runCli(['--report', 'console'], { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token })
      expect(r.code).toBe(0)
      expect(r.stdout.split('\n')[0]).toBe(`Target: ${server.url}`)
      expect(r.stdout + r.stderr).not.toContain(server.token)
    } finally {
      await server.close()
    }
  })

  test('with no target the first line says the built-in endpoint is used', async () => {
    const r = await runCli(['--report', 'console', '--only', 'test-connection'])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^No SCIM_BASE_URL set: running against the built-in reference endpoint at http:\/\/127\.0\.0\.1:\d+\/scim\/v2/,
    )
  })
})

test('list prints the catalog without a network', async () => {
  const r = await runCli(['list'])
  expect(r.code).toBe(0)
  expect(r.stdout).toContain('test-connection/users-filter-responds-200')
  expect(r.stdout).toMatch(/\d+ checks: \d+ Entra breaks, \d+ Security, \d+ Gallery, \d+ RFC only/)
  // An Entra-level check shows the request of Entra's it mirrors, with its source.
  expect(r.stdout).toMatch(
    /disable-user\/accepts-lower-case-string-booleans\s+Entra breaks .*\n.*why: .*\n\s+mirrors: PATCH \/Users\/\{id\} \{"op": "Replace", "path": "active", "value": "false"\} \(Capture: scimmy #86/,
  )
  // Each check shows its level and the evidence for it.
  expect(r.stdout).toMatch(/update-user-empty-values\/clears-with-null\s+Gallery .*\n\s+why: .*SCIM_Null_Update_Test/)
})
