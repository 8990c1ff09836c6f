// The yardstick for the conformance run: a plain client that sends a recorded Entra sequence (bench/suite.ts records
// the suite's own requests) to an endpoint, one request at a time on a keep-alive connection, and checks nothing.
// Ids the endpoint assigns are mapped from the recording to this run's, so every request means what it meant.
// Usage: node bench/minimal-client.mjs <sequence.json> <base-url> <token>
import { readFileSync } from 'node:fs'
import http from 'node:http'

const [file, baseUrl, token] = process.argv.slice(2)
const { steps, recordedToken } = JSON.parse(readFileSync(file, 'utf8'))
const base = new URL(baseUrl)
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const ids = new Map()

// The reference endpoint's ids are UUIDs; other UUIDs in a request (externalIds) are not in the map and stay.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const swap = (text) => text.replace(UUID, (id) => ids.get(id) ?? id)

function send(step) {
  const headers = {}
  if (step.authorization !== undefined)
    headers.authorization = step.authorization === `Bearer ${recordedToken}` ? `Bearer ${token}` : step.authorization
  if (step.contentType) headers['content-type'] = step.contentType
  const body = step.body === undefined ? undefined : Buffer.from(swap(step.body))
  if (body) headers['content-length'] = String(body.length)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: step.method,
        path: base.pathname + swap(step.path),
        headers,
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

let failures = 0
for (const step of steps) {
  const text = await send(step)
  if (step.createdId) {
    try {
      const id = JSON.parse(text).id
      if (typeof id === 'string') ids.set(step.createdId, id)
      else failures++
    } catch {
      failures++
    }
  }
}
agent.destroy()
process.stdout.write(`${JSON.stringify({ requests: steps.length, failures })}\n`)
