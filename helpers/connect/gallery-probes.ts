// What the gallery checklist needs beyond the checks: the TLS version the endpoint negotiates, and whether it
// carries the 25 requests per second Microsoft asks of gallery apps (measured here with a short, bounded burst,
// or read from a `scim-preflight load` report).
// https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/app-gallery-user-provisioning-requirements
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect, rootCertificates } from 'node:tls'
import type { ScimClient } from '../client/scim-client.ts'
import { proxyFor, type ProxyConfig } from '../client/proxy.ts'
import { UsageError } from '../model/errors.ts'
import type { LoadResult } from '../model/load-result.ts'

export interface MeasuredRate {
  measured: number
  required: number
  source: string
  failed?: number
}

export interface TlsProbe {
  tls?: string
  note?: string
  /** Set when the certificate verified only through trust beyond the public roots Entra uses. */
  privateCa?: PrivateTrust
}

/** A certificate that verified only through trust beyond the public roots. */
export interface PrivateTrust {
  /** Where the trust came from: --ca-file, or a CA this machine's Node adds to its public roots. */
  via: string
  /** Why the public roots refuse the certificate (OpenSSL's verification error). */
  refusal: string
}

/** The gallery checklist's line for a certificate trusted only that way. */
export const privateTrustBasis = (p: PrivateTrust): string =>
  `the certificate verified only with ${p.via} (${p.refusal})`

/** Node adds NODE_EXTRA_CA_CERTS (or the OpenSSL store, with --use-openssl-ca) to its bundled public roots. */
const MACHINE_CA = "a CA this machine adds to Node's public roots (NODE_EXTRA_CA_CERTS)"

/**
 * The TLS protocol the endpoint negotiates with a client offering TLS 1.2 and 1.3 (Entra's floor is 1.2), and
 * whether the certificate verifies against the public roots alone: Entra trusts nothing else. Node's own trust can
 * be wider than that (NODE_EXTRA_CA_CERTS, often a company's CA), so the second handshake names Node's bundled roots.
 */
export async function probeTls(
  target: string,
  opts: { caFile?: string; insecure: boolean; proxy?: ProxyConfig; timeoutMs: number },
): Promise<TlsProbe> {
  const url = new URL(target)
  if (url.protocol !== 'https:') return {}
  if (proxyFor(target, opts.proxy))
    return { note: "the run went through a proxy, so the endpoint's own TLS version was not read" }
  const probe = await handshake(url, { ...opts, ca: opts.caFile ? readFileSync(opts.caFile) : undefined })
  if (opts.insecure || !probe.tls) return probe
  const publicRoots = await handshake(url, { ...opts, insecure: true, ca: [...rootCertificates] })
  if (publicRoots.authorized) return probe
  return {
    ...probe,
    privateCa: {
      via: opts.caFile ? '--ca-file' : MACHINE_CA,
      refusal: publicRoots.authorizationError ?? 'not trusted by the public roots',
    },
  }
}

function handshake(
  url: URL,
  opts: { ca?: Buffer | string[]; insecure: boolean; timeoutMs: number },
): Promise<TlsProbe & { authorized?: boolean; authorizationError?: string }> {
  const ca = opts.ca
  return new Promise((resolve) => {
    const socket = connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 443),
      servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
      ca,
      rejectUnauthorized: !opts.insecure,
      // Offer everything the runtime allows, so an endpoint stuck on TLS 1.0/1.1 shows as such, not as a failed handshake.
      minVersion: 'TLSv1',
    })
    const done = (r: TlsProbe & { authorized?: boolean; authorizationError?: string }) => {
      socket.destroy()
      resolve(r)
    }
    socket.setTimeout(opts.timeoutMs, () => done({ note: `no TLS handshake within ${opts.timeoutMs} ms` }))
    socket.once('secureConnect', () =>
      done({
        tls: socket.getProtocol() ?? undefined,
        authorized: socket.authorized,
        ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
      }),
    )
    socket.once('error', (err) => done({ note: `the TLS handshake failed: ${err.message}` }))
  })
}

/** Concurrency steps of the burst, and its bounds: at most BURST_MAX_REQUESTS requests and about BURST_STEP_MS per step. */
const BURST_STEPS = [5, 10, 25]
const BURST_STEP_MS = 1_500
const BURST_MAX_REQUESTS = 300

/**
 * Test Connection's query (a random GUID on the matching attribute) at rising concurrency, a step at a time,
 * until one step sustains the required rate. Bounded in count and time, so a slow server costs seconds, not minutes.
 * The burst is not recorded as exchanges: only its rate goes into the report.
 */
export async function measureBurst(
  client: ScimClient,
  matchingAttribute: string,
  required: number,
  signal: AbortSignal,
): Promise<MeasuredRate> {
  const quiet = client.fork({ sink: undefined })
  let sent = 0
  let best = { rps: 0, concurrency: 0, failed: 0, requests: 0 }
  for (const concurrency of BURST_STEPS) {
    if (signal.aborted || sent >= BURST_MAX_REQUESTS) break
    const budget = Math.min(Math.ceil(BURST_MAX_REQUESTS / BURST_STEPS.length), BURST_MAX_REQUESTS - sent)
    const started = performance.now()
    let ok = 0
    let failed = 0
    let issued = 0
    const worker = async () => {
      while (issued < budget && performance.now() - started < BURST_STEP_MS && !signal.aborted) {
        issued++
        const ex = await quiet.get('/Users', { query: [['filter', `${matchingAttribute} eq "${randomUUID()}"`]] })
        if (ex.response?.status === 200) ok++
        else failed++
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    sent += issued
    const rps = ok / ((performance.now() - started) / 1000)
    if (rps > best.rps || failed > 0) best = { rps, concurrency, failed, requests: issued }
    if (failed > 0 || rps >= required) break
  }
  return {
    measured: best.rps,
    required,
    source: `burst of ${best.requests} Test Connection queries, ${best.concurrency} in flight`,
    ...(best.failed ? { failed: best.failed } : {}),
  }
}

/**
 * The rate of a `scim-preflight load` run, from its load.json. `target` is this run's base URL (undefined: the
 * built-in endpoint): a rate measured against another URL, or against the built-in endpoint, says nothing about it.
 */
export function rateFromLoadReport(path: string, required: number, target: string | undefined): MeasuredRate {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new UsageError(
      `--load-report '${path}' cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): give the load.json of 'scim-preflight load'`,
    )
  }
  let report: LoadResult
  try {
    report = JSON.parse(text) as LoadResult
  } catch {
    throw new UsageError(`--load-report '${path}' is not JSON: give the load.json of 'scim-preflight load'`)
  }
  const rps = report?.throughput?.requestsPerSecond
  if (typeof rps !== 'number')
    throw new UsageError(
      `--load-report '${path}' is not a load.json of 'scim-preflight load' (no throughput.requestsPerSecond)`,
    )
  if (typeof report.target !== 'string' || typeof report.embedded !== 'boolean') {
    throw new UsageError(
      `--load-report '${path}' does not say which endpoint it measured (no target): give the load.json of 'scim-preflight load' (version 0.1 or later) run against this target`,
    )
  }
  const measure = `measure this one with 'scim-preflight load${target ? ` --url ${target}` : ' --built-in'}' and pass that load.json`
  if (report.embedded && target !== undefined) {
    throw new UsageError(
      `--load-report '${path}' was measured against the built-in reference endpoint, not ${target}: ${measure}`,
    )
  }
  if (!report.embedded && sameUrl(report.target) !== (target === undefined ? undefined : sameUrl(target))) {
    throw new UsageError(
      `--load-report '${path}' was measured against ${report.target}, not ${target ?? 'the built-in reference endpoint'}: ${measure}`,
    )
  }
  const failed = (report.kinds ?? []).reduce((n, k) => n + (k.failed ?? 0), 0)
  return {
    measured: rps,
    required,
    source: `load report ${path}, ${report.throughput.requests} requests${report.throughput.toolLimited ? ', paced by the tool' : ''}`,
    ...(failed ? { failed } : {}),
  }
}

/** A base URL as both commands store it: no trailing slash, lower-case scheme and host. */
function sameUrl(url: string): string {
  try {
    return new URL(url).toString().replace(/\/+$/, '')
  } catch {
    return url
  }
}
