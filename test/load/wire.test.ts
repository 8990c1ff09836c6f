// The load transport against real servers on 127.0.0.1: every HTTP/1.1 body framing, keep-alive reuse,
// Connection: close, timeouts, and the histogram's percentiles within its bucket precision.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LogHistogram } from '../../helpers/load/histogram.ts'
import { retryAfterMs } from '../../helpers/load/engine.ts'
import { WirePool } from '../../helpers/load/wire.ts'

let server: http.Server
let origin: URL
const sockets = new Set<unknown>()

beforeAll(async () => {
  server = http
    .createServer((req, res) => {
      sockets.add(req.socket)
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        if (req.url === '/chunked') {
          res.writeHead(200, { 'Content-Type': 'application/scim+json' })
          res.write('{"a":')
          setTimeout(() => res.end('"b"}'), 5)
        } else if (req.url === '/close') {
          res.writeHead(200, { Connection: 'close' })
          res.end('bye')
        } else if (req.url === '/no-content') {
          res.writeHead(204).end()
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 500)
        } else if (req.url === '/raw-close') {
          // HTTP/1.0-style: no length, the body ends with the connection.
          req.socket.end('HTTP/1.1 200 OK\r\nX-Test: 1\r\n\r\nuntil close')
        } else {
          res.writeHead(201, { 'Content-Type': 'application/json', 'Retry-After': '3' })
          res.end(
            JSON.stringify({
              method: req.method,
              auth: req.headers.authorization,
              body,
              length: req.headers['content-length'],
            }),
          )
        }
      })
    })
    .listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('WirePool', () => {
  it('sends headers and a body and reads a Content-Length answer', async () => {
    const pool = new WirePool({ origin, connections: 2, timeoutMs: 2000, maxBodyBytes: 1e6 })
    const res = await pool.request({
      method: 'POST',
      path: '/x',
      headers: { Authorization: 'Bearer t' },
      body: '{"é":1}',
    })
    expect(res.status).toBe(201)
    expect(res.headers['retry-after']).toBe('3')
    expect(JSON.parse(res.body)).toEqual({ method: 'POST', auth: 'Bearer t', body: '{"é":1}', length: '8' })
    pool.close()
  })

  it('reads chunked, 204, close-delimited and Connection: close answers, and reuses keep-alive sockets', async () => {
    sockets.clear()
    const pool = new WirePool({ origin, connections: 1, timeoutMs: 2000, maxBodyBytes: 1e6 })
    expect((await pool.request({ method: 'GET', path: '/chunked', headers: {} })).body).toBe('{"a":"b"}')
    expect((await pool.request({ method: 'DELETE', path: '/no-content', headers: {} })).status).toBe(204)
    expect((await pool.request({ method: 'GET', path: '/chunked', headers: {} })).body).toBe('{"a":"b"}')
    expect(sockets.size).toBe(1)
    expect((await pool.request({ method: 'GET', path: '/close', headers: {} })).body).toBe('bye')
    const raw = await pool.request({ method: 'GET', path: '/raw-close', headers: {} })
    expect([raw.status, raw.headers['x-test'], raw.body]).toEqual([200, '1', 'until close'])
    expect((await pool.request({ method: 'GET', path: '/', headers: {} })).status).toBe(201)
    expect(sockets.size).toBe(3)
    pool.close()
  })

  it('turns a slow answer into a worded timeout and a refused connection into a worded error', async () => {
    const pool = new WirePool({ origin, connections: 1, timeoutMs: 100, maxBodyBytes: 1e6 })
    await expect(pool.request({ method: 'GET', path: '/slow', headers: {} })).rejects.toThrow(
      /no complete answer within 100 ms/,
    )
    expect((await pool.request({ method: 'GET', path: '/', headers: {} })).status).toBe(201)
    pool.close()
    const refused = new WirePool({
      origin: new URL('http://127.0.0.1:9'),
      connections: 1,
      timeoutMs: 1000,
      maxBodyBytes: 1e6,
    })
    await expect(refused.request({ method: 'GET', path: '/', headers: {} })).rejects.toThrow(/connection refused/)
    refused.close()
  })

  it('stops reading a body above the limit', async () => {
    const pool = new WirePool({ origin, connections: 1, timeoutMs: 1000, maxBodyBytes: 10 })
    await expect(pool.request({ method: 'POST', path: '/', headers: {}, body: 'x'.repeat(50) })).rejects.toThrow(
      /larger than 10 bytes/,
    )
    pool.close()
  })
})

describe('LogHistogram', () => {
  it('gives percentiles within 2% and exact min and max, in fixed memory', () => {
    const h = new LogHistogram()
    const size = h.counts.length
    for (let v = 1; v <= 200_000; v++) h.record(v)
    expect(h.counts.length).toBe(size)
    for (const q of [0.5, 0.95, 0.99])
      expect(Math.abs(h.percentile(q) - q * 200_000) / (q * 200_000)).toBeLessThan(0.02)
    expect([h.minUs, h.maxUs, h.percentile(1), h.count]).toEqual([1, 200_000, 200_000, 200_000])
    expect(h.buckets().reduce((n, [, , c]) => n + c, 0)).toBe(200_000)
  })
})

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP-dates (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs('2', now)).toBe(2000)
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs(undefined, now)).toBeUndefined()
  })
})
