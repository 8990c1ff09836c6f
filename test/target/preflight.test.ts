// The preflight in-process, against real servers on 127.0.0.1: what stops a command (exit 2), what it lets the
// flows judge, and that no fault of the reference endpoint is mistaken for bad input (each stays provable).
import type http from 'node:http'
import { afterAll, describe, expect, test } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { basicAuthorization } from '../../helpers/client/oauth.ts'
import type { TargetConfig } from '../../helpers/config/target-settings.ts'
import { UnreachableError } from '../../helpers/model/errors.ts'
import { preflight } from '../../helpers/connect/preflight.ts'
import { openTarget, PreflightError } from '../../helpers/connect/open-target.ts'
import { faults, faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { bareServer, type Listening } from '../safety/servers.ts'

const TOKEN = 'tok-preflight-0123456789'
const CLIENT = { clientId: 'spf-preflight-client', clientSecret: 'Preflight~Secret_77' }
const LIMITS = { timeoutMs: 2000, maxTimeMs: 60_000, retries: 0, insecure: false, maxBodyBytes: 1_000_000 }

const open: { close(): Promise<void> }[] = []
afterAll(() => Promise.all(open.map((s) => s.close())))

async function reference(faultIds: string[] = []): Promise<RunningServer> {
  const server = await startServer({ token: TOKEN, oauth: CLIENT, faults: faultsById(faultIds) })
  open.push(server)
  return server
}

async function bare(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Listening> {
  const server = await bareServer(handle)
  open.push(server)
  return server
}

const withToken = (baseUrl: string, token = TOKEN): TargetConfig => ({ ...LIMITS, baseUrl, token })
const withClient = (server: RunningServer, clientSecret = CLIENT.clientSecret): TargetConfig => ({
  ...LIMITS,
  baseUrl: server.url,
  oauth: { ...CLIENT, clientSecret, tokenUrl: server.tokenUrl! },
})

async function outcome(config: TargetConfig) {
  const target = await openTarget(config)
  return { target, result: await preflight(target.client, target.tokens) }
}

describe('every fault of the reference endpoint stays provable: the preflight lets the flows judge it', () => {
  test('all faults', async () => {
    const stopped: string[] = []
    for (const fault of faults) {
      const server = await startServer({ token: TOKEN, oauth: CLIENT, faults: [fault] })
      try {
        const { result } = await outcome(fault.mode === 'oauth' ? withClient(server) : withToken(server.url))
        if (result.kind !== 'ready') stopped.push(`${fault.id}: ${result.kind}`)
      } finally {
        await server.close()
      }
    }
    // The two OAuth defects only the Authentication flow can show: it runs alone, and fails (exit 1).
    expect(stopped).toEqual([
      'scim-rejects-issued-tokens: auth-only',
      'token-endpoint-reads-body-credentials-only: auth-only',
    ])
  })
})

describe('credentials', () => {
  test('a wrong secret token is refused, naming the request and the challenge', async () => {
    const server = await reference()
    const { result } = await outcome(withToken(server.url, 'tok-wrong-1234'))
    expect(result).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(
        /refused the token: GET \/scim\/v2\/Users\?filter=userName\+eq\+%22[0-9a-f-]{36}%22 answered 401 Unauthorized \(WWW-Authenticate: Bearer realm="scim-preflight", error="invalid_token"\); check --token/,
      ),
    })
  })

  test('a 403 for a wrong token is a refusal too', async () => {
    const server = await reference(['auth-bad-token-returns-403'])
    expect((await outcome(withToken(server.url, 'tok-wrong-1234'))).result.kind).toBe('refused')
  })

  test('a wrong client secret: the token endpoint refused the client, in the header and in the body', async () => {
    const server = await reference()
    const { result, target } = await outcome(withClient(server, 'wrong-secret-999'))
    expect(result).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(
        /^the token endpoint .*\/oauth2\/token refused the client credentials: it answered 401 \(invalid_client/,
      ),
    })
    expect(target.exchanges.map((e) => `${e.request.method} ${e.response?.status}`)).toEqual(['POST 401', 'POST 401'])
  })

  test('a wrong client secret at a token endpoint with the body-only defect is still a refusal', async () => {
    const server = await reference(['token-endpoint-reads-body-credentials-only'])
    expect((await outcome(withClient(server, 'wrong-secret-999'))).result.kind).toBe('refused')
  })

  test('a token URL that is not a token endpoint', async () => {
    const server = await reference()
    const config = withClient(server)
    const { result } = await outcome({ ...config, oauth: { ...config.oauth!, tokenUrl: `${server.tokenUrl}-typo` } })
    expect(result).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(
        /answered 404 to Entra's client-credentials POST: it is not a token endpoint; check --token-url/,
      ),
    })
  })

  test('a gateway that refuses requests without a User-Agent is not a refused token: the flows name it', async () => {
    const server = await reference()
    const front = await bare((req, res) => {
      if (!req.headers['user-agent'])
        return void res.writeHead(403, { 'Content-Type': 'text/html' }).end('<html><title>Blocked</title></html>')
      res
        .writeHead(200, { 'Content-Type': 'application/scim+json' })
        .end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}')
    })
    expect((await outcome(withToken(`${front.url}/scim/v2`))).result.kind).toBe('ready')
    expect(server).toBeDefined()
  })
})

describe('not a SCIM endpoint', () => {
  test('the origin without /scim/v2: named, with the base path that answers', async () => {
    const server = await reference()
    const origin = new URL(server.url).origin
    const { result } = await outcome(withToken(origin))
    expect(result.kind).toBe('not-scim')
    if (result.kind === 'not-scim')
      expect(result.reason).toMatch(
        new RegExp(
          `^${origin} is not a SCIM endpoint: GET /Users\\?filter=.* answered 404 Not Found with a SCIM Error \\("The SCIM base path is /scim/v2"\\); ${origin}/scim/v2 answers as a SCIM endpoint: use --url ${origin}/scim/v2 \\(SCIM_BASE_URL\\)$`,
        ),
      )
  })

  test.each([
    [
      'an HTML page with 200',
      200,
      'text/html',
      '<!doctype html><html><head><title>Acme portal</title></head></html>',
      /answered 200 OK with an HTML page \("Acme portal"\); give the SCIM base URL/,
    ],
    [
      'a 404 that is no SCIM Error',
      404,
      'text/plain',
      'Cannot GET /Users',
      /answered 404 Not Found with a text\/plain body \("Cannot GET \/Users"\)/,
    ],
    [
      'JSON that is not a ListResponse',
      200,
      'application/json',
      '{"status":"ok","version":"1.2"}',
      /answered 200 OK with JSON that is not a SCIM ListResponse \(keys: status, version\)/,
    ],
    ['a JSON array', 200, 'application/json', '[]', /with a JSON array, not a SCIM ListResponse/],
  ])('%s', async (_name, status, type, body, message) => {
    const server = await bare((_req, res) => res.writeHead(status, { 'Content-Type': type }).end(body))
    const { result } = await outcome(withToken(server.url))
    expect(result.kind).toBe('not-scim')
    if (result.kind === 'not-scim') expect(result.reason).toMatch(message)
  })
})

describe('a base URL that redirects, and https:// to a plain-HTTP server: one line saying what came back', () => {
  test.each([
    [
      'a sign-in page',
      302,
      'https://login.example.com/oauth2/authorize?client_id=x',
      /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2 redirects: GET \/scim\/v2\/Users\?filter=.* answered 302 Found to https:\/\/login\.example\.com\/oauth2\/authorize\?client_id=x \(a sign-in page: the endpoint sits behind a login that Entra cannot pass; let bearer tokens through to the SCIM path\)\. Entra does not follow redirects; give the URL that answers SCIM requests itself$/,
    ],
    [
      'another base path',
      308,
      '/api/scim/v2/Users?filter=x',
      /redirects: GET \/scim\/v2\/Users\?filter=.* answered 308 Permanent Redirect to \/api\/scim\/v2\/Users\?filter=x\. Entra does not follow redirects; use --url http:\/\/127\.0\.0\.1:\d+\/api\/scim\/v2 \(SCIM_BASE_URL\) if that is the SCIM endpoint$/,
    ],
    [
      'no Location',
      307,
      undefined,
      /answered 307 Temporary Redirect with no Location\. Entra does not follow redirects/,
    ],
  ])('%s', async (_name, status, location, message) => {
    const server = await bare((_req, res) =>
      res
        .writeHead(status, { 'Content-Type': 'text/html', ...(location ? { Location: location } : {}) })
        .end('<html></html>'),
    )
    const { target, result } = await outcome(withToken(`${server.url}/scim/v2`))
    expect(result.kind).toBe('not-scim')
    if (result.kind === 'not-scim') expect(result.reason).toMatch(message)
    await expect(target.preflight()).rejects.toThrow(PreflightError)
  })

  test("https:// against a server that speaks plain HTTP: unreachable, in words, without OpenSSL's dump", async () => {
    const server = await reference()
    const url = server.url.replace(/^http:/, 'https:')
    const { result } = await outcome(withToken(url))
    expect(result).toEqual({
      kind: 'unreachable',
      where: 'scim',
      reason: `cannot reach ${url}: TLS: the server answered the TLS handshake in plain HTTP (the URL says https://, the server speaks http:// on that port; Entra connects only over HTTPS)`,
    })
  })
})

describe('what the flows judge instead', () => {
  test.each([
    ['a 502 HTML page from a gateway', 502, 'text/html', '<h1>502 Bad Gateway</h1>'],
    [
      'a SCIM Error 404 to a query that matches nobody',
      404,
      'application/scim+json',
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"no such user"}',
    ],
    [
      'a 406 without an Accept header',
      406,
      'application/scim+json',
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"406"}',
    ],
  ])('%s', async (_name, status, type, body) => {
    const server = await bare((_req, res) =>
      res.writeHead(status, { 'Content-Type': type, Location: 'http://127.0.0.1:9/x' }).end(body),
    )
    expect((await outcome(withToken(server.url))).result.kind).toBe('ready')
  })

  test('a users query that never answers while the endpoint does: a defect for the flows, not unreachable', async () => {
    const server = await bare((req, res) => {
      if (req.url?.includes('/Users')) return
      res
        .writeHead(200, { 'Content-Type': 'application/scim+json' })
        .end('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]}')
    })
    const { result } = await outcome({ ...withToken(server.url), timeoutMs: 300 })
    expect(result.kind).toBe('ready')
  })

  test('nothing listening: unreachable, with the reason; the command stops with exit 2', async () => {
    const server = await bare(() => undefined)
    await server.close()
    const target = await openTarget(withToken(server.url))
    const result = await preflight(target.client, undefined)
    expect(result).toEqual({
      kind: 'unreachable',
      where: 'scim',
      reason: `cannot reach ${server.url}: connection refused: nothing listens at that address and port`,
    })
    await expect(target.preflight()).rejects.toBeInstanceOf(UnreachableError)
    expect((await target.preflight({ unreachable: true })).kind).toBe('unreachable')
  })

  test('refusals throw PreflightError (exit 2, one line); auth-only only where the command runs the Authentication flow', async () => {
    const server = await reference(['scim-rejects-issued-tokens'])
    const target = await openTarget(withClient(server))
    expect((await target.preflight({ authOnly: true })).kind).toBe('auth-only')
    await expect(target.preflight()).rejects.toThrow(PreflightError)
    const refused = await openTarget(withToken(server.url, 'tok-wrong-1234'))
    await expect(refused.preflight({ authOnly: true, unreachable: true })).rejects.toThrow(/refused the token/)
  })
})

describe('what the target records and hides', () => {
  test("the preflight goes through the run's sink; read-only sends only GET to the SCIM endpoint (and Entra's token POST)", async () => {
    const server = await reference()
    const sunk: Exchange[] = []
    const target = await openTarget(withClient(server), { readOnly: true, sink: (e) => sunk.push(e) })
    expect((await target.preflight()).kind).toBe('ready')
    expect(sunk.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
      'POST /oauth2/token',
      'GET /scim/v2/Users',
    ])
    expect(target.exchanges).toEqual(sunk)
    expect(server.log.counts).toEqual({ POST: 1, GET: 1 })
    const text = JSON.stringify(sunk)
    for (const secret of [
      CLIENT.clientSecret,
      basicAuthorization(CLIENT.clientId, CLIENT.clientSecret).slice(6),
      ...server.issuedTokens,
    ])
      expect(text).not.toContain(secret)
    expect(target.currentBearer()).toBe(server.issuedTokens[0])
  })

  test("the load generator's bearer is renewed in the background before the issued token expires", async () => {
    const server = await startServer({ token: TOKEN, oauth: { ...CLIENT, tokenLifetimeSeconds: 1 } })
    open.push(server)
    const target = await openTarget(withClient(server))
    expect((await target.preflight()).kind).toBe('ready')
    const first = target.currentBearer()
    const stop = target.keepTokenFresh(100)
    try {
      await expect.poll(() => target.currentBearer(), { timeout: 5000, interval: 100 }).not.toBe(first)
    } finally {
      stop()
    }
    expect(server.issuedTokens).toContain(target.currentBearer())
    expect(target.secrets()).toEqual(expect.arrayContaining(server.issuedTokens))
  })

  test('every secret is on the redaction list: token, client secret, Basic value, issued tokens, proxy credentials', async () => {
    const server = await reference()
    // An https proxy, so the http:// reference endpoint is reached directly and issues its token.
    const proxy = { https: 'http://proxy-user:pr%40xy-pass@127.0.0.1:3128/', noProxy: [] }
    const target = await openTarget({ ...withClient(server), proxy })
    await target.bearer()
    expect(target.secrets()).toEqual(
      expect.arrayContaining([
        CLIENT.clientSecret,
        basicAuthorization(CLIENT.clientId, CLIENT.clientSecret).slice('Basic '.length),
        server.issuedTokens[0],
        'pr@xy-pass',
        'pr%40xy-pass',
        Buffer.from('proxy-user:pr@xy-pass').toString('base64'),
      ]),
    )
    const remote = await openTarget({ ...withToken('https://scim.example.com/scim/v2'), proxy })
    expect(remote.notices()).toEqual([
      "Requests went through the proxy http://127.0.0.1:3128 (HTTPS_PROXY): Entra connects from Microsoft's network without it, so what the proxy changes is not what Entra sees.",
    ])
    expect(target.notices()).toEqual([
      'The target uses plain http://: Entra requires HTTPS with TLS 1.2 and will not connect to it.',
    ])
  })
})
