// exchanges.har is the wire: a counting front between the suite and the reference endpoint (token endpoint
// included) sees exactly as many requests as the HAR has entries, each with the header lines the HAR shows.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { startServer } from '../../server/start.ts'
import { OAUTH_CLIENT, runCli } from '../self-test/run-cli.ts'

interface Seen {
  method: string
  path: string
  headers: [string, string][]
}

/** Forwards every request to `target` unchanged and remembers its request line and header lines as received. */
async function countingFront(target: URL): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    const headers: [string, string][] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])
    seen.push({ method: req.method!, path: req.url!, headers })
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const redact = ([name, value]: [string, string]): [string, string] =>
  /^(proxy-)?authorization$/i.test(name) ? [name, value.replace(/^(\S+)\s.*$/, '$1 [redacted]')] : [name, value]

const key = (r: Seen): string => JSON.stringify([r.method, r.path, r.headers.map(redact)])

const reference = startServer({ token: 'tok-wire-test-abcdef', oauth: OAUTH_CLIENT })
afterAll(async () => (await reference).close())

test('an OAuth run behind a counting front: requests seen == HAR entries, with the headers that went out', async () => {
  const server = await reference
  const front = await countingFront(new URL(server.url))
  try {
    const base = new URL(server.url)
    const dir = mkdtempSync(join(tmpdir(), 'spf-wire-'))
    const run = await runCli(
      ['--seed', '7', '--large-group', '101', '--report', 'har,json', '--report-dir', dir],
      {
        SCIM_BASE_URL: `${front.url}${base.pathname}`,
        SCIM_TOKEN_URL: `${front.url}${new URL(server.tokenUrl!).pathname}`,
        SCIM_CLIENT_ID: OAUTH_CLIENT.clientId,
        SCIM_CLIENT_SECRET: OAUTH_CLIENT.clientSecret,
      },
      { timeoutMs: 170_000 },
    )
    const runDir = readdirSync(dir).find((d) => !d.startsWith('latest'))
    expect(runDir, run.stderr + run.stdout).toBeDefined()
    const har = JSON.parse(readFileSync(join(dir, runDir!, 'exchanges.har'), 'utf8')) as {
      log: {
        entries: {
          request: { method: string; url: string; headers: { name: string; value: string }[] }
          _role?: string
        }[]
      }
    }
    const entries = har.log.entries
    expect(entries.length).toBe(front.seen.length)
    const report = JSON.parse(readFileSync(join(dir, runDir!, 'report.json'), 'utf8')) as { exchanges: unknown[] }
    expect(report.exchanges.length).toBe(front.seen.length)
    const recorded = entries
      .map((e) => {
        const u = new URL(e.request.url)
        return key({
          method: e.request.method,
          path: `${u.pathname}${u.search}`,
          headers: e.request.headers.map((h) => [h.name, h.value]),
        })
      })
      .sort()
    expect(recorded).toEqual(front.seen.map(key).sort())

    // Headers below axios: what Node put on the socket, not the map the client was given.
    const names = new Set(entries.flatMap((e) => e.request.headers.map((h) => h.name.toLowerCase())))
    for (const name of ['host', 'accept-encoding', 'content-length', 'connection']) expect(names).toContain(name)
    // Token requests, probes, setup and cleanup are on the record, marked.
    const roles = new Set(entries.map((e) => e._role))
    for (const role of ['token', 'probe', 'setup', 'cleanup']) expect(roles).toContain(role)
    const token = entries.find((e) => e._role === 'token')!
    expect(token.request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value).toBe('Basic [redacted]')
    expect(readFileSync(join(dir, runDir!, 'exchanges.har'), 'utf8')).not.toContain(OAUTH_CLIENT.clientSecret)
  } finally {
    await front.close()
  }
}, 180_000)
