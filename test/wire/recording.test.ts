// The client records what went out on the socket, and a tap on it sees every request of every fork, whatever its sink:
// the forks without a sink (probes, token requests, setup) and the attempts that were answered 503 and sent again.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { ScimClient } from '../../helpers/client/scim-client.ts'

const TOKEN = 'tok-recording-test-0123456789'
let server: http.Server
let base: string
const received: [string, string][][] = []
let unavailable = 0

beforeAll(async () => {
  server = http
    .createServer((req, res) => {
      const lines: [string, string][] = []
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])
      received.push(lines)
      req.resume().on('end', () => {
        if (req.url?.endsWith('/busy') && unavailable-- > 0) res.writeHead(503).end()
        else res.writeHead(200, { 'Content-Type': 'application/scim+json' }).end('{"ok":true}')
      })
    })
    .listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`
})
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
)

const client = (retries = 0) =>
  new ScimClient({
    baseUrl: base,
    token: async () => TOKEN,
    secrets: () => [TOKEN],
    timeoutMs: 2000,
    retries,
    insecure: false,
    maxBodyBytes: 100_000,
  })

test('the recorded headers are the lines Node wrote, in order and spelling, with Authorization redacted', async () => {
  const ex = await client().post('/Users', { userName: 'a' })
  const sent = received
    .at(-1)!
    .map(([k, v]): [string, string] => [k, /^authorization$/i.test(k) ? 'Bearer [redacted]' : v])
  expect(Object.entries(ex.request.headers)).toEqual(sent)
  const names = Object.keys(ex.request.headers).map((k) => k.toLowerCase())
  for (const name of ['host', 'content-length', 'accept-encoding', 'content-type', 'authorization'])
    expect(names).toContain(name)
  expect(JSON.stringify(ex)).not.toContain(TOKEN)
})

test('a tap sees every fork, with or without a sink, marked by role; a retried attempt is its own record', async () => {
  const root = client(1)
  const tapped: Exchange[] = []
  const cited: Exchange[] = []
  root.tap((ex) => tapped.push(ex))
  await root.fork({ sink: (ex) => cited.push(ex) }).get('/Users')
  await root.fork({ sink: undefined, role: 'setup' }).get('/Users')
  unavailable = 1
  await root.fork({ sink: (ex) => cited.push(ex) }).get('/busy')
  expect(
    tapped.map((e) => [e.request.url.replace(base, ''), e.role ?? '', e.response?.status, e.retried ?? false]),
  ).toEqual([
    ['/Users', '', 200, false],
    ['/Users', 'setup', 200, false],
    ['/busy', '', 503, true],
    ['/busy', '', 200, false],
  ])
  // The evidence sink gets the flow's requests only, the final attempt of a retried one.
  expect(cited.map((e) => [e.request.url.replace(base, ''), e.retries ?? 0])).toEqual([
    ['/Users', 0],
    ['/busy', 1],
  ])
})
