// The reference endpoint on its own thread, for `scim-preflight load` without a target: the load generator and
// the endpoint then each get a core, as they would on two machines, and neither's work counts as the other's.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { startServer } from './start.ts'

export interface ThreadServer {
  url: string
  token: string
  close(): Promise<void>
}

export function startServerThread(options: { token: string; host?: string; port?: number }): Promise<ThreadServer> {
  const worker = new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: options })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (msg: { url: string }) => {
      resolve({
        url: msg.url,
        token: options.token,
        close: async () => {
          await worker.terminate()
        },
      })
    })
  })
}

if (!isMainThread && parentPort && (workerData as { token?: string } | undefined)?.token) {
  const server = await startServer(workerData as { token: string; host?: string; port?: number })
  parentPort.postMessage({ url: server.url })
}
