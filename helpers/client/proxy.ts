// Corporate proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, read in config.ts). https targets go through a CONNECT
// tunnel, so the proxy sees only host:port and TLS is still verified end to end against the target.
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'

export interface ProxyConfig {
  /** Proxy for https:// targets (HTTPS_PROXY). */
  https?: string
  /** Proxy for http:// targets (HTTP_PROXY). */
  http?: string
  /** NO_PROXY entries: host names, domain suffixes (.corp.example), host:port, or * for none at all. */
  noProxy: string[]
}

/** The proxy URL a request to `target` goes through, or undefined for a direct connection (curl's NO_PROXY rules). */
export function proxyFor(target: string, proxy: ProxyConfig | undefined): URL | undefined {
  if (!proxy) return undefined
  const url = new URL(target)
  const chosen = url.protocol === 'https:' ? proxy.https : proxy.http
  if (!chosen) return undefined
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  for (const raw of proxy.noProxy) {
    const entry = raw.trim().toLowerCase()
    if (entry === '*') return undefined
    const [name = '', entryPort] = entry.startsWith('[')
      ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]]
      : entry.split(':')
    if (entryPort && entryPort !== port) continue
    const bare = name.replace(/^\*?\./, '')
    if (bare && (host === bare || host.endsWith(`.${bare}`))) return undefined
  }
  return new URL(chosen)
}

/** Auth header for a proxy URL carrying user:password, else undefined. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined
  const user = decodeURIComponent(proxy.username)
  const pass = decodeURIComponent(proxy.password)
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
}

/** An https.Agent whose connections are CONNECT tunnels through an HTTP proxy; certificate checks are the agent's own. */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    options: https.AgentOptions,
  ) {
    super(options)
  }

  override createConnection(
    options: tls.ConnectionOptions & { host?: string; port?: number },
    callback?: (err: Error | null, socket: Duplex) => void,
  ): Duplex {
    const target = `${options.host}:${options.port ?? 443}`
    const auth = proxyAuthorization(this.proxy)
    const connect = http.request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(this.proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { Host: target, ...(auth ? { 'Proxy-Authorization': auth } : {}) },
    })
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy()
        callback?.(
          Object.assign(
            new Error(
              `the proxy ${this.proxy.host} refused to open a tunnel to ${target}: CONNECT answered ${res.statusCode}`,
            ),
            { code: 'EPROXY' },
          ),
          socket,
        )
        return
      }
      callback?.(null, tls.connect({ ...options, socket }))
    })
    connect.once('error', (err) =>
      callback?.(
        Object.assign(new Error(`the proxy ${this.proxy.host} could not be reached: ${err.message}`), {
          code: 'EPROXY',
        }),
        undefined as unknown as Duplex,
      ),
    )
    connect.end()
    return undefined as unknown as Duplex
  }
}
