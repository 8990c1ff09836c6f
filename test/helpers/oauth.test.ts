// The token request is made as Entra makes it, tokens are cached until shortly before expiry, and records never carry a secret.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { basicAuthorization, formEncode, TokenSource } from '../../helpers/client/oauth.ts'
import { ScimClient } from '../../helpers/client/scim-client.ts'

const ID = 'client id/1'
const SECRET = 'se:cr+et~with spaces'
let lifetime = 3600
let server: http.Server
let tokenUrl: string
const seen: { headers: http.IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  let n = 0
  server = http
    .createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ headers: req.headers, body })
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(
            JSON.stringify({ access_token: `issued-token-number-${++n}`, token_type: 'bearer', expires_in: lifetime }),
          )
      })
    })
    .listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

function setup(scope?: string) {
  const source = new TokenSource({ tokenUrl, clientId: ID, clientSecret: SECRET, scope })
  const records: Exchange[] = []
  const client = new ScimClient({
    baseUrl: 'http://127.0.0.1:1/scim',
    token: async () => undefined,
    secrets: () => [...source.secrets],
    timeoutMs: 2000,
    retries: 0,
    insecure: false,
    maxBodyBytes: 100_000,
    readOnly: true,
    sink: (e) => records.push(e),
  })
  return { source, client, records }
}

describe('the token request', () => {
  test('is a form POST with grant_type and scope, the credentials form-encoded in a Basic header (RFC 6749 §2.3.1)', async () => {
    const { source, client } = setup('api://scim/.default')
    const answer = await source.request(client)
    const req = seen.at(-1)!
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(req.body).toBe('grant_type=client_credentials&scope=api%3A%2F%2Fscim%2F.default')
    const decoded = Buffer.from(req.headers.authorization!.replace(/^Basic /, ''), 'base64').toString()
    expect(decoded).toBe('client+id%2F1:se%3Acr%2Bet~with+spaces')
    expect(req.headers.authorization).toBe(basicAuthorization(ID, SECRET))
    expect(answer.accessToken).toMatch(/^issued-token-number-/)
  })

  test('form encoding keeps only unreserved characters', () => {
    expect(formEncode("a b!'()*~._-")).toBe('a+b%21%27%28%29%2A~._-')
  })

  test('is allowed in read-only mode, and its record carries neither the secret nor the issued token', async () => {
    const { source, client, records } = setup()
    const answer = await source.request(client, { location: 'body' })
    expect(seen.at(-1)!.body).toContain('client_secret=se%3Acr%2Bet~with+spaces')
    const text = JSON.stringify(records)
    expect(records).toHaveLength(1)
    expect(text).not.toContain(answer.accessToken)
    expect(text).not.toContain(formEncode(SECRET))
    expect(text).toContain('[redacted]')
  })
})

describe('caching', () => {
  test('one token serves many requests while it lives; a new one is fetched shortly before expiry', async () => {
    const { source, client } = setup()
    lifetime = 3600
    const before = seen.length
    const [a, b] = await Promise.all([source.token(client), source.token(client)])
    expect(a).toBe(b)
    expect(await source.token(client)).toBe(a)
    expect(seen.length - before).toBe(1)

    lifetime = 1
    const short = setup()
    const first = await short.source.token(short.client)
    await new Promise((r) => setTimeout(r, 1100))
    expect(await short.source.token(short.client)).not.toBe(first)
    lifetime = 3600
  })
})
