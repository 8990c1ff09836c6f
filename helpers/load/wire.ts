// A lean HTTP/1.1 keep-alive client for load mode. axios and node:http spend 3-5x the CPU per request of a
// raw socket (measured: bench/load.ts), and then the tool, not the endpoint, sets the rate. One request per
// connection at a time; Content-Length, chunked and close-delimited bodies; TLS with the suite's CA options.
import { readFileSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { describeNetworkError } from '../client/scim-client.ts'

export interface WireRequest {
  method: string
  /** Path and query on the origin, e.g. `/scim/v2/Users?filter=…`. */
  path: string
  body?: string
  /** Extra headers (Authorization, Content-Type); Host and Content-Length are added here. */
  headers: Record<string, string>
}

export interface WireResponse {
  status: number
  statusText: string
  /** Lower-case names. */
  headers: Record<string, string>
  body: string
}

export interface WireOptions {
  origin: URL
  connections: number
  timeoutMs: number
  maxBodyBytes: number
  insecure?: boolean
  caFile?: string
}

const CRLF2 = Buffer.from('\r\n\r\n')
const MAX_HEAD_BYTES = 64 * 1024

type BodyMode = 'none' | 'length' | 'chunked' | 'close'

class WireError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

interface Pending {
  resolve: (r: WireResponse) => void
  reject: (e: Error) => void
  deadline: number
  method: string
}

/** One socket, one request at a time, with an incremental response parser. */
class Connection {
  private buf: Buffer | undefined
  private pending: Pending | undefined
  private status = 0
  private statusText = ''
  private headers: Record<string, string> = {}
  private mode: BodyMode = 'none'
  private remaining = 0
  private chunks: Buffer[] = []
  private bodyBytes = 0
  private inHead = true
  private keepAlive = true
  closed = false
  /** Whether the pool's idle list holds this connection (saves a search per request). */
  listed = false

  constructor(
    private readonly socket: net.Socket,
    private readonly pool: WirePool,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (d: Buffer) => this.onData(d))
    socket.on('error', (err) => this.fail(err))
    socket.on('close', () => this.onClose())
  }

  get busy(): boolean {
    return this.pending !== undefined
  }

  send(text: string, pending: Pending): void {
    this.pending = pending
    this.inHead = true
    this.chunks = []
    this.bodyBytes = 0
    this.socket.write(text)
  }

  expired(now: number): boolean {
    return this.pending !== undefined && now > this.pending.deadline
  }

  timeout(ms: number): void {
    this.fail(new WireError(`no complete answer within ${ms} ms (timed out)`, 'ETIMEDOUT'))
  }

  destroy(): void {
    this.closed = true
    this.socket.destroy()
  }

  private onData(d: Buffer): void {
    this.buf = this.buf && this.buf.length ? Buffer.concat([this.buf, d]) : d
    try {
      this.parse()
    } catch (err) {
      this.fail(err as Error)
    }
  }

  private parse(): void {
    for (;;) {
      const buf = this.buf
      if (!buf || !this.pending) return
      if (this.inHead) {
        const end = buf.indexOf(CRLF2)
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES)
            throw new WireError('HTTP protocol error: response head larger than 64 KB', 'HPE_HEADER_OVERFLOW')
          return
        }
        this.readHead(buf.toString('latin1', 0, end))
        this.buf = buf.subarray(end + 4)
        if (this.status >= 100 && this.status < 200) continue
        this.inHead = false
        if (this.mode === 'none') return this.finish()
        continue
      }
      if (this.mode === 'length') {
        const take = Math.min(this.remaining, buf.length)
        this.take(buf.subarray(0, take))
        this.remaining -= take
        this.buf = buf.subarray(take)
        if (this.remaining === 0) return this.finish()
        return
      }
      if (this.mode === 'close') {
        this.take(buf)
        this.buf = undefined
        return
      }
      // chunked: "<hex size>[;ext]\r\n<data>\r\n" … "0\r\n[trailers]\r\n"
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, buf.length)
        this.take(buf.subarray(0, take))
        this.remaining -= take
        this.buf = buf.subarray(take)
        if (this.remaining > 0) return
        continue
      }
      const eol = buf.indexOf('\r\n')
      if (eol < 0) return
      const line = buf.toString('latin1', 0, eol)
      if (line === '') {
        // the CRLF after a chunk's data
        this.buf = buf.subarray(2)
        continue
      }
      const size = parseInt(line.split(';')[0]!, 16)
      if (!Number.isFinite(size) || size < 0)
        throw new WireError(`HTTP protocol error: bad chunk size "${line.slice(0, 20)}"`, 'HPE_INVALID_CHUNK_SIZE')
      if (size === 0) {
        const trailerEnd = buf.indexOf(CRLF2, eol)
        const afterZero = buf.subarray(eol + 2)
        if (afterZero.length >= 2 && afterZero[0] === 13 && afterZero[1] === 10) {
          this.buf = afterZero.subarray(2)
          return this.finish()
        }
        if (trailerEnd < 0) return
        this.buf = buf.subarray(trailerEnd + 4)
        return this.finish()
      }
      this.remaining = size
      this.buf = buf.subarray(eol + 2)
    }
  }

  private readHead(text: string): void {
    const lines = text.split('\r\n')
    const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '')
    if (!m)
      throw new WireError(
        `HTTP protocol error: not an HTTP/1.x status line: "${(lines[0] ?? '').slice(0, 40)}"`,
        'HPE_INVALID_CONSTANT',
      )
    this.status = Number(m[2])
    this.statusText = m[3] ?? ''
    const headers: Record<string, string> = {}
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!
      const colon = line.indexOf(':')
      if (colon <= 0) continue
      const name = line.slice(0, colon).trim().toLowerCase()
      const value = line.slice(colon + 1).trim()
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
    }
    this.headers = headers
    const connection = (headers.connection ?? '').toLowerCase()
    this.keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive')
    const noBody = this.pending!.method === 'HEAD' || this.status === 204 || this.status === 304 || this.status < 200
    if (noBody) this.mode = 'none'
    else if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
      this.mode = 'chunked'
      this.remaining = 0
    } else if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length'])
      if (!Number.isInteger(n) || n < 0)
        throw new WireError('HTTP protocol error: bad Content-Length', 'HPE_UNEXPECTED_CONTENT_LENGTH')
      this.mode = n === 0 ? 'none' : 'length'
      this.remaining = n
    } else {
      this.mode = 'close'
      this.keepAlive = false
    }
  }

  private take(part: Buffer): void {
    this.bodyBytes += part.length
    if (this.bodyBytes > this.pool.options.maxBodyBytes) {
      throw new WireError(
        `response body larger than ${this.pool.options.maxBodyBytes} bytes: stopped reading`,
        'ERR_BODY_TOO_LARGE',
      )
    }
    if (part.length) this.chunks.push(part)
  }

  private finish(): void {
    const p = this.pending!
    const body =
      this.chunks.length === 1 ? this.chunks[0]!.toString('utf8') : Buffer.concat(this.chunks).toString('utf8')
    const res: WireResponse = { status: this.status, statusText: this.statusText, headers: this.headers, body }
    this.pending = undefined
    this.chunks = []
    if (!this.keepAlive) this.destroy()
    p.resolve(res)
    this.pool.released(this)
  }

  private fail(err: Error): void {
    const p = this.pending
    this.pending = undefined
    this.destroy()
    if (p) p.reject(err)
    this.pool.released(this)
  }

  private onClose(): void {
    this.closed = true
    if (this.pending && !this.inHead && this.mode === 'close') return this.finish()
    if (this.pending)
      this.fail(new WireError('connection reset by the server before the answer was complete', 'ECONNRESET'))
    else this.pool.released(this)
  }
}

/** Up to `connections` keep-alive sockets to one origin. */
export class WirePool {
  private readonly idle: Connection[] = []
  private readonly all = new Set<Connection>()
  private readonly waiting: (() => void)[] = []
  private readonly sweep: NodeJS.Timeout
  private readonly ca: Buffer | undefined
  private readonly host: string

  constructor(readonly options: WireOptions) {
    this.ca = options.caFile ? readFileSync(options.caFile) : undefined
    this.host = options.origin.host
    // One sweep for every deadline instead of a timer per request.
    this.sweep = setInterval(
      () => {
        const now = performance.now()
        for (const c of this.all) if (c.expired(now)) c.timeout(this.options.timeoutMs)
      },
      Math.min(250, Math.max(10, options.timeoutMs / 4)),
    )
    this.sweep.unref()
  }

  /** Sends one request; resolves with any HTTP answer, rejects with a worded network error. */
  async request(req: WireRequest): Promise<WireResponse> {
    const conn = await this.acquire()
    let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${this.host}\r\n`
    for (const [k, v] of Object.entries(req.headers)) head += `${k}: ${v}\r\n`
    if (req.body !== undefined) head += `Content-Length: ${Buffer.byteLength(req.body)}\r\n`
    const text = `${head}\r\n${req.body ?? ''}`
    try {
      return await new Promise<WireResponse>((resolve, reject) => {
        conn.send(text, { resolve, reject, deadline: performance.now() + this.options.timeoutMs, method: req.method })
      })
    } catch (err) {
      throw new Error(err instanceof WireError ? err.message : describeNetworkError(err, this.options), { cause: err })
    }
  }

  private async acquire(): Promise<Connection> {
    for (;;) {
      const idle = this.idle.pop()
      if (idle) idle.listed = false
      if (idle && !idle.closed) return idle
      if (idle) continue
      if (this.all.size < this.options.connections) return this.connect()
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }

  private async connect(): Promise<Connection> {
    const { origin } = this.options
    const https = origin.protocol === 'https:'
    const port = Number(origin.port) || (https ? 443 : 80)
    const hostname = origin.hostname.replace(/^\[|\]$/g, '')
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = https
        ? tls.connect({
            host: hostname,
            port,
            servername: net.isIP(hostname) ? undefined : hostname,
            ca: this.ca,
            rejectUnauthorized: !this.options.insecure,
            ALPNProtocols: ['http/1.1'],
          })
        : net.connect({ host: hostname, port })
      const timer = setTimeout(
        () =>
          s.destroy(
            Object.assign(new Error(`no complete answer within ${this.options.timeoutMs} ms (timed out)`), {
              code: 'ETIMEDOUT',
            }),
          ),
        this.options.timeoutMs,
      )
      s.once(https ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer)
        resolve(s)
      })
      s.once('error', (err) => {
        clearTimeout(timer)
        reject(new Error(describeNetworkError(err, this.options)))
      })
    })
    const conn = new Connection(socket, this)
    this.all.add(conn)
    return conn
  }

  /** Called by a connection when it is free again or gone. */
  released(conn: Connection): void {
    if (conn.closed) this.all.delete(conn)
    else if (!conn.busy && !conn.listed) {
      conn.listed = true
      this.idle.push(conn)
    }
    this.waiting.shift()?.()
  }

  close(): void {
    clearInterval(this.sweep)
    for (const c of this.all) c.destroy()
    this.all.clear()
    this.idle.length = 0
  }
}
