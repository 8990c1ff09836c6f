// Small real servers for the safety tests: a front that forwards to the reference endpoint but misbehaves on
// chosen requests, a bare server that records what reached it, and a CONNECT proxy.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'

export interface Listening {
  url: string
  port: number
  /** Every request line that reached this server (method and URL). */
  seen: string[]
  close(): Promise<void>
}

async function listen(server: http.Server, seen: string[], path = ''): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Answers every request with `handle`, recording each request line. */
export function bareServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Listening> {
  const seen: string[] = []
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    handle(req, res)
  })
  return listen(server, seen)
}

/** Returns true when it answered the request itself; false lets the reference endpoint answer. */
export type Misbehave = (req: http.IncomingMessage, res: http.ServerResponse) => boolean

/** A front for the reference endpoint at `target` (its SCIM base URL) that misbehaves where `misbehave` says so. */
export function hostileFront(
  target: string,
  misbehave: Misbehave,
  delayAnswerMs: (req: http.IncomingMessage) => number = () => 0,
): Promise<Listening> {
  const upstream = new URL(target)
  const seen: string[] = []
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    if (misbehave(req, res)) return
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }, delayAnswerMs(req))
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  return listen(server, seen, upstream.pathname)
}

/** An HTTP proxy: CONNECT tunnels (https targets) and absolute-form forwarding (http targets). */
export function connectProxy(): Promise<Listening> {
  const seen: string[] = []
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const forward = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`)
    const [host, port] = (req.url ?? '').split(':')
    const up = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      up.write(head)
      up.pipe(client)
      client.pipe(up)
    })
    up.on('error', () => client.destroy())
    client.on('error', () => up.destroy())
  })
  return listen(server, seen)
}
