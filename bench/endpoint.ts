// The reference endpoint in a process of its own, as the benches measure against it (so its work is not the tool's).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const BIN = join(new URL('../', import.meta.url).pathname, 'cli/bin.js')

/** Starts `scim-preflight serve` on a free port with this token; resolves once it prints its base URL. */
export async function startEndpoint(token: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--token', token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (d: Buffer) => {
      text += d
      const m = /SCIM_BASE_URL=(\S+)/.exec(text)
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  return { url, child }
}

/** bench/latency-proxy.mjs in front of `url`: every answer held `delayMs`; resolves with the proxy's base URL. */
export async function startLatencyProxy(url: string, delayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(new URL('../', import.meta.url).pathname, 'bench/latency-proxy.mjs'), url, String(delayMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const proxied = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (d: Buffer) => {
      text += d
      const m = /PROXY_URL=(\S+)/.exec(text)
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`latency proxy exited ${code}`)))
  })
  return { url: proxied, child }
}
