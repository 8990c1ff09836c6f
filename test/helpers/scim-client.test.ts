// The recording client speaks like Entra and never leaks the token: checked against a real server on 127.0.0.1.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ScimClient } from '../../helpers/client/scim-client.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { ReadOnlyViolation } from '../../helpers/model/errors.ts'

const TOKEN = 'tok-client-test-0123456789'
let server: http.Server
let base: string
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  server = http
    .createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body })
        if (req.url?.startsWith('/scim/html')) {
          res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad gateway</html>')
        } else if (req.url?.startsWith('/scim/echo')) {
          res
            .writeHead(200, { 'Content-Type': 'application/scim+json' })
            .end(JSON.stringify({ got: req.headers.authorization }))
        } else {
          res.writeHead(404, { 'Content-Type': 'application/scim+json' }).end('{"status":"404"}')
        }
      })
    })
    .listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const client = (extra: Partial<ConstructorParameters<typeof ScimClient>[0]> = {}, sink?: (e: Exchange) => void) =>
  new ScimClient({
    baseUrl: base,
    token: async () => TOKEN,
    secrets: () => [TOKEN],
    timeoutMs: 2000,
    retries: 0,
    insecure: false,
    maxBodyBytes: 1_000_000,
    sink,
    ...extra,
  })

describe("requests look like Entra's", () => {
  test('GET has no Accept and no User-Agent; the filter is encoded with + and %22', async () => {
    await client().get('/Users', { query: [['filter', 'userName eq "a b@x"']] })
    const req = seen.at(-1)!
    expect(req.url).toBe('/scim/Users?filter=userName+eq+%22a+b%40x%22')
    expect(req.headers.accept).toBeUndefined()
    expect(req.headers['user-agent']).toBeUndefined()
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  test('bodies are sent as application/scim+json; charset=utf-8', async () => {
    await client().post('/Users', { userName: 'x' })
    expect(seen.at(-1)!.headers['content-type']).toBe('application/scim+json; charset=utf-8')
  })
})

describe('recording', () => {
  test('never throws on a status; a non-JSON body is kept as text', async () => {
    const ex = await client().get('/html')
    expect(ex.response?.status).toBe(502)
    expect(ex.response?.rawText).toContain('Bad gateway')
  })

  test('the token is redacted in headers and wherever the server echoes it', async () => {
    const recorded: Exchange[] = []
    const ex = await client({}, (e) => recorded.push(e)).get('/echo')
    expect(JSON.stringify(recorded)).not.toContain(TOKEN)
    expect(ex.request.headers.Authorization).toBe('Bearer [redacted]')
    expect(ex.response?.body).toEqual({ got: 'Bearer [redacted]' })
  })

  test('a network failure is recorded, not thrown', async () => {
    const ex = await new ScimClient({ ...client().options, baseUrl: 'http://127.0.0.1:1/scim' }).get('/Users')
    expect(ex.response).toBeUndefined()
    expect(ex.error).toMatch(/connection refused/)
  })

  test('read-only mode refuses writes before they reach the wire', async () => {
    const before = seen.length
    await expect(client({ readOnly: true }).post('/Users', {})).rejects.toBeInstanceOf(ReadOnlyViolation)
    expect(seen.length).toBe(before)
  })
})
