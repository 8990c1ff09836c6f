// The reference endpoint on its own thread, for `scim-preflight load` without a target: the load generator and
// the endpoint then each get a core, as they would on two machines, and neither's work counts as the other's.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import type { OAuthClient } from './routes/token.ts'
import { startServer } from './start.ts'

export interface ThreadServer {
  url: string
  token: string
  /** The token endpoint, when started with an OAuth client. */
  tokenUrl?: string
  close(): Promise<void>
}

export function startServerThread(options: { token: string; host?: string; port?: number; oauth?: OAuthClient }): Promise<ThreadServer> {
  const worker = new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: options })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (msg: { url: string; tokenUrl?: string }) => {
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

if (!isMainThread && parentPort && (workerData as { token?: string } | undefined)?.token) {
  const server = await startServer(workerData as { token: string; host?: string; port?: number; oauth?: OAuthClient })
  parentPort.postMessage({ url: server.url, tokenUrl: server.tokenUrl })
}
