// A network in a box for the benches: an HTTP proxy in a process of its own that forwards every request to the
// endpoint and holds each answer back for a fixed delay, as a staging server across a network would.
// Usage: node bench/latency-proxy.mjs <base-url> <delay-ms>; prints PROXY_URL=<the same base path on the proxy>.
import http from 'node:http'

const [baseUrl, delayText] = process.argv.slice(2)
const base = new URL(baseUrl)
const delayMs = Number(delayText)
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const headers = { ...req.headers, host: base.host }
    const upstream = http.request(
      { agent, host: base.hostname, port: base.port, method: req.method, path: req.url, headers },
      (answer) => {
        const body = []
        answer.on('data', (c) => body.push(c))
        answer.on('end', () => {
          setTimeout(() => {
            const out = { ...answer.headers }
            delete out['transfer-encoding']
            delete out.connection
            res.writeHead(answer.statusCode ?? 502, { ...out, 'content-length': String(Buffer.concat(body).length) })
            res.end(Buffer.concat(body))
          }, delayMs)
        })
      },
    )
    upstream.on('error', () => res.writeHead(502).end())
    upstream.end(Buffer.concat(chunks))
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PROXY_URL=http://127.0.0.1:${server.address().port}${base.pathname}\n`)
})
