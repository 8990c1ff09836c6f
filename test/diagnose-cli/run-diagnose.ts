// Runs `scim-preflight diagnose` as a child process into a fresh report folder, and a small HTTP proxy that stands
// in for what sits in front of real endpoints (a WAF, a gateway that drops query parameters).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunResult } from '../../helpers/model/result.ts'
import { runCliReport, type CliResult } from '../self-test/run-cli.ts'

export function runDiagnose(args: string[]): Promise<CliResult & { report: RunResult }> {
  return runCliReport(['diagnose', ...args], 'console,json')
}

export interface ProxyAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Forwards every request to `target` (an origin such as http://127.0.0.1:1234). `before` may answer instead of
 * the target (a WAF) or rewrite the path it forwards (a gateway); the answer is otherwise passed through.
 */
export async function startProxy(
  target: string,
  before: (req: http.IncomingMessage) => ProxyAnswer | { path: string } | undefined,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const decided = before(req)
      if (decided && 'status' in decided) {
        res.writeHead(decided.status, decided.headers).end(decided.body)
        return
      }
      const headers = { ...req.headers }
      delete headers.host
      const upstream = http.request(
        `${target}${decided?.path ?? req.url}`,
        { method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => res.writeHead(502).end())
      upstream.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
