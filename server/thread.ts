// The reference endpoint on its own thread, for `run` and `load` without a target: the tool and the endpoint then
// each get a core, as they would on two machines, and neither's work counts as the other's.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { faultsById } from './faults/index.ts'
import type { OAuthClient } from './routes/token.ts'
import { startServer } from './start.ts'

export interface ThreadOptions {
  token: string
  host?: string
  port?: number
  /** Fault ids (checked by the caller with faultsById: the thread has no way to say "unknown fault" as a usage error). */
  faults?: readonly string[]
  oauth?: OAuthClient
}

export interface ThreadServer {
  url: string
  token: string
  /** The token endpoint, when started with an OAuth client. */
  tokenUrl?: string
  close(): Promise<void>
}

export function startServerThread(options: ThreadOptions): Promise<ThreadServer> {
  // Only plain data crosses to the thread: fault ids, not fault objects (they hold functions).
  const data: ThreadOptions = {
    token: options.token,
    host: options.host,
    port: options.port,
    faults: options.faults ? [...options.faults] : undefined,
    oauth: options.oauth,
  }
  const worker = new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: data })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (msg: { url: string; tokenUrl?: string }) => {
      worker.off('error', reject)
      // After the start, a dead endpoint shows as refused connections in the checks; say why once.
      worker.on('error', (err) =>
        process.stderr.write(`scim-preflight: the built-in endpoint stopped: ${err.message}\n`),
      )
      resolve({
        url: msg.url,
        token: options.token,
        ...(msg.tokenUrl ? { tokenUrl: msg.tokenUrl } : {}),
        close: async () => {
          await worker.terminate()
        },
      })
    })
  })
}

if (!isMainThread && parentPort && (workerData as ThreadOptions | undefined)?.token) {
  const options = workerData as ThreadOptions
  const port = parentPort
  void startServer({ ...options, faults: faultsById(options.faults ?? []) }).then((server) =>
    port.postMessage({ url: server.url, tokenUrl: server.tokenUrl }),
  )
}
