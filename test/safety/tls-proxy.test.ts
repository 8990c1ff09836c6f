// TLS and proxies against a real HTTPS reference endpoint whose certificate comes from a CA made in the test.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { proxyFor } from '../../helpers/client/proxy.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { runCli, runSuiteCli } from '../self-test/run-cli.ts'
import { connectProxy } from './servers.ts'

const TOKEN = 'tok-tls-0123456789abcdef'
const dir = mkdtempSync(join(tmpdir(), 'spf-tls-'))
const caFile = join(dir, 'ca.crt')
let https: RunningServer
let plain: RunningServer

/** A private CA and a certificate for 127.0.0.1 signed by it, as a company's internal PKI would issue. */
function makeCertificates(): { key: Buffer; cert: Buffer } {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=scim-preflight test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1')
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  )
  return { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) }
}

beforeAll(async () => {
  https = await startServer({ token: TOKEN, tls: makeCertificates() })
  plain = await startServer({ token: TOKEN })
})
afterAll(async () => {
  await https.close()
  await plain.close()
})

const target = () => ({ SCIM_BASE_URL: https.url, SCIM_TOKEN: TOKEN })

describe.concurrent('TLS', () => {
  test('certificates are verified by default: an unknown CA is exit 2 with a TLS reason', async () => {
    const r = await runCli(['--only', 'test-connection/*'], target())
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /cannot reach https:\/\/127\.0\.0\.1:\d+\/scim\/v2: TLS: .*(self-signed|unable to verify|local issuer).*--ca-file/i,
    )
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('--ca-file trusts the private CA to connect, but HTTPS is not met: Entra trusts only publicly trusted certificates', async () => {
    const run = await runSuiteCli(['--only', 'test-connection/*', '--ca-file', caFile], target())
    expect(run.code).toBe(0)
    expect(run.report.run.target).toMatch(/^https:/)
    expect(run.report.run.notices.join('\n')).not.toMatch(/insecure/)
    expect(run.report.run.notices.join('\n')).toMatch(
      /The TLS certificate is trusted only through --ca-file; the public roots refuse it \(.+\)\. Entra trusts only publicly trusted certificates/,
    )
    // The gallery checklist reads the TLS version the endpoint negotiated, and says what the certificate lacks.
    expect(run.report.verdict.gallery.items.find((i) => i.id === 'https')).toMatchObject({
      status: 'not-met',
      basis: [expect.stringMatching(/^negotiated TLSv1\.[23]$/), expect.stringMatching(/verified only with --ca-file/)],
    })
    expect(run.report.verdict.kind).not.toMatch(/ready|warnings/)
    const gallery = await runSuiteCli(['--only', 'test-connection/*', '--ca-file', caFile, '--gallery'], target())
    expect(gallery.code).toBe(1)
    expect(gallery.report.verdict.headline).toMatch(/^Not ready for the Entra app gallery/)
  })

  test("a CA only this machine's Node trusts (NODE_EXTRA_CA_CERTS) connects, but HTTPS is not met: it is not a public root", async () => {
    const run = await runSuiteCli(['--only', 'test-connection/*'], { ...target(), NODE_EXTRA_CA_CERTS: caFile })
    expect(run.code).toBe(0)
    expect(run.report.run.notices.join('\n')).toMatch(
      /The TLS certificate is trusted only through a CA this machine adds to Node's public roots \(NODE_EXTRA_CA_CERTS\); the public roots refuse it \(.+\)\. Entra trusts only publicly trusted certificates/,
    )
    expect(run.report.verdict.gallery.items.find((i) => i.id === 'https')).toMatchObject({
      status: 'not-met',
      basis: [expect.stringMatching(/^negotiated TLSv1\.[23]$/), expect.stringMatching(/NODE_EXTRA_CA_CERTS/)],
    })
    expect(run.report.verdict.kind).not.toMatch(/ready|warnings/)
  })

  test('--insecure connects, and every report format carries the warning', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'spf-insecure-'))
    const r = await runCli(
      [
        '--only',
        'test-connection/*',
        '--insecure',
        '--report',
        'console,json,junit,html,md',
        '--report-dir',
        reportDir,
      ],
      target(),
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Notice: TLS certificate verification was turned off \(--insecure\)/)
    const runDir = join(
      reportDir,
      readdirSync(reportDir).find((d) => !d.startsWith('latest'))!,
    )
    for (const file of readdirSync(runDir).filter((f) => /\.(json|xml|html|md)$/.test(f))) {
      expect(readFileSync(join(runDir, file), 'utf8'), file).toMatch(
        /TLS certificate verification was turned off \(--insecure\)/,
      )
    }
  })

  test('a plain http:// target works, and the report says Entra requires HTTPS with TLS 1.2', async () => {
    const run = await runSuiteCli(['--only', 'test-connection/*'], { SCIM_BASE_URL: plain.url, SCIM_TOKEN: TOKEN })
    expect(run.code).toBe(0)
    expect(run.report.run.notices.join('\n')).toMatch(/plain http:\/\/: Entra requires HTTPS with TLS 1\.2/)
  })
})

describe.concurrent('proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY', () => {
  test('an https target goes through a CONNECT tunnel; the proxy sees only host:port, never the token', async () => {
    const proxy = await connectProxy()
    try {
      const run = await runSuiteCli(['--only', 'test-connection/*', '--ca-file', caFile], {
        ...target(),
        HTTPS_PROXY: proxy.url,
      })
      expect(run.code).toBe(0)
      expect(proxy.seen.length).toBeGreaterThan(0)
      expect(proxy.seen.every((line) => line === `CONNECT 127.0.0.1:${new URL(https.url).port}`)).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  test('NO_PROXY bypasses the proxy for matching hosts', async () => {
    const proxy = await connectProxy()
    try {
      const run = await runSuiteCli(['--only', 'test-connection/*', '--ca-file', caFile], {
        ...target(),
        https_proxy: proxy.url,
        no_proxy: 'example.com,127.0.0.1',
      })
      expect(run.code).toBe(0)
      expect(proxy.seen).toEqual([])
    } finally {
      await proxy.close()
    }
  })

  test('an http target goes through HTTP_PROXY as absolute-form requests', async () => {
    const proxy = await connectProxy()
    try {
      const run = await runSuiteCli(['--only', 'test-connection/*'], {
        SCIM_BASE_URL: plain.url,
        SCIM_TOKEN: TOKEN,
        HTTP_PROXY: proxy.url,
      })
      expect(run.code).toBe(0)
      expect(proxy.seen.some((line) => line.startsWith(`GET ${plain.url}/Users?filter=`))).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  test('a proxy that cannot be reached is named', async () => {
    const r = await runCli(['--only', 'test-connection/*', '--ca-file', caFile], {
      ...target(),
      HTTPS_PROXY: 'http://127.0.0.1:1',
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/proxy: the proxy 127\.0\.0\.1:1 could not be reached/)
  })

  test('a malformed proxy setting is a usage error', async () => {
    const r = await runCli([], { HTTPS_PROXY: 'socks5://127.0.0.1:1080' })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/HTTPS_PROXY 'socks5:\/\/127\.0\.0\.1:1080' must be an http:\/\/ proxy/)
  })
})

describe('NO_PROXY rules', () => {
  const proxy = {
    https: 'http://proxy.corp:3128',
    noProxy: ['.corp.example', 'localhost', 'api.example.com:8443', '[::1]'],
  }
  test.each([
    ['https://scim.corp.example/v2', false],
    ['https://corp.example/v2', false],
    ['https://notcorp.example/v2', true],
    ['https://localhost:8443/scim', false],
    ['https://api.example.com:8443/scim', false],
    ['https://api.example.com/scim', true],
    ['https://[::1]:8443/scim', false],
    ['http://api.example.com/scim', false],
  ])('%s goes through the proxy: %s', (url, proxied) => {
    expect(proxyFor(url, proxy) !== undefined).toBe(proxied)
  })
  test('* disables the proxy', () => {
    expect(proxyFor('https://a.example', { ...proxy, noProxy: ['*'] })).toBeUndefined()
  })
})
