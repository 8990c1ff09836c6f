// Failed live probes → what Entra logs for them (Microsoft Learn: application provisioning in quarantine status; how to analyze the provisioning logs). The catalog's consequence is the
// default; the answer's status refines it, because a 401 or a WAF page on any probe means the same thing to Entra.
import { lookupErrorCode } from './entra-codes.ts'
import type { ProbeFinding } from './causes.ts'
import { BLOCKED_BY_PROXY } from '../suite/consequences.ts'
import { PROBE_REPRODUCERS } from './probe-checks.ts'
import { isServerErrorStatus, requestLine, type Exchange } from '../model/exchange.ts'
import type { CheckResult } from '../model/result.ts'
import { CREDENTIALS_FAILURE, SERVICE_INCOMPATIBLE } from '../suite/consequences.ts'

/** An answer slower than this is reported: Entra's own timeout is not documented (§3.1), so it is only advice. */
export const SLOW_PROBE_MS = 5_000
const OBSERVATION_MAX = 400

const WRONG_CREDENTIAL_PROBES = new Set([
  'test-connection/rejects-wrong-token',
  'test-connection/rejects-missing-token',
])
const INVALID_CREDENTIALS = 'EncounteredQuarantineException (invalid credentials)'

const cut = (s: string): string => (s.length > OBSERVATION_MAX ? `${s.slice(0, OBSERVATION_MAX)}…` : s)
const isHtml = (ex: Exchange): boolean =>
  ex.response?.rawText !== undefined || /text\/html/i.test(ex.response?.headers['content-type'] ?? '')

function classify(c: CheckResult, ex: Exchange | undefined): Omit<ProbeFinding, 'observation' | 'checkId'> | undefined {
  const base = c.severity === 'entra' ? 3 : 1
  const r = ex?.response
  if (ex && !r) {
    if (/timed out|within \d+ ms/i.test(ex.error ?? '')) {
      return {
        code: 'Timeout',
        severity: 3,
        title: 'The endpoint does not answer in time',
        fix: lookupErrorCode('Timeout')?.fix,
      }
    }
    return {
      code: '(no HTTP answer)',
      severity: 3,
      title: `Entra cannot connect to the endpoint: ${ex.error ?? 'no answer'}`,
      fix: "Check the tenant URL, DNS, the TLS certificate (TLS 1.2, a public CA) and that the endpoint is reachable from Microsoft's cloud (the AzureActiveDirectory service tag).",
    }
  }
  if (r && WRONG_CREDENTIAL_PROBES.has(c.id)) {
    const missing = c.id.endsWith('missing-token')
    if (r.status >= 200 && r.status < 300) {
      return {
        // The catalog's consequence: a security defect, which Entra (always sending the right token) does not meet.
        code: c.entra.code,
        severity: 1,
        title: `The endpoint accepts a ${missing ? 'missing' : 'wrong'} bearer token: a security hole, though not a cause of quarantine by itself`,
        fix: c.fix,
      }
    }
    return {
      code: CREDENTIALS_FAILURE.code,
      quarantine: INVALID_CREDENTIALS,
      severity: 2,
      title: `A ${missing ? 'missing' : 'wrong or expired'} token is answered ${r.status}${isHtml(ex!) ? ' with an HTML page' : ''} instead of 401, so Entra cannot say "invalid credentials"`,
      fix: c.fix,
    }
  }
  if (r?.status === 401) {
    return {
      code: CREDENTIALS_FAILURE.code,
      quarantine: INVALID_CREDENTIALS,
      severity: 3,
      title: 'The endpoint refuses the configured token (401): Entra reports invalid credentials',
      fix: lookupErrorCode(CREDENTIALS_FAILURE.code)?.fix,
    }
  }
  if (r && c.id === 'diagnose/answers-without-user-agent' && r.status !== 403) {
    return {
      code: SERVICE_INCOMPATIBLE.code,
      ...(SERVICE_INCOMPATIBLE.quarantine ? { quarantine: SERVICE_INCOMPATIBLE.quarantine } : {}),
      severity: 3,
      title: `The endpoint needs an Accept or User-Agent header: without them, as Entra sends its queries, it answers ${r.status}`,
      fix: 'Answer GET requests with SCIM JSON whatever their Accept header, and require no User-Agent.',
    }
  }
  if (r?.status === 403 && (isHtml(ex!) || c.id === 'diagnose/answers-without-user-agent')) {
    return {
      code: BLOCKED_BY_PROXY.code,
      quarantine: BLOCKED_BY_PROXY.quarantine,
      severity: 3,
      title:
        c.id === 'diagnose/answers-without-user-agent'
          ? 'A WAF or proxy blocks requests without a User-Agent header, and Entra sends none'
          : 'A proxy or WAF in front of the endpoint answers Entra with an HTML 403',
      fix: "Let Entra's requests through the WAF or proxy: they carry no User-Agent or Accept header and come from the AzureActiveDirectory service tag.",
    }
  }
  if (r?.status === 403) {
    return {
      code: CREDENTIALS_FAILURE.code,
      quarantine: INVALID_CREDENTIALS,
      severity: 3,
      title: 'The endpoint answers 403 Forbidden to the configured token',
      fix: 'Give the token Entra uses the rights to read and write users and groups.',
    }
  }
  if (r?.status === 404 && c.entra.code === SERVICE_INCOMPATIBLE.code) {
    const path = new URL(ex!.request.url).pathname.replace(/^.*(\/(Users|Groups)\b)/, '$1')
    return {
      code: SERVICE_INCOMPATIBLE.code,
      ...(SERVICE_INCOMPATIBLE.quarantine ? { quarantine: SERVICE_INCOMPATIBLE.quarantine } : {}),
      severity: base,
      title: `A query on ${path} answers 404 where Entra expects 200 with an empty ListResponse: the "SCIM compliance issue" quarantine`,
      fix: c.fix,
    }
  }
  if (r && isServerErrorStatus(r.status)) return { code: 'InternalServerError', severity: base }
  // A 501 is the endpoint's refusal ("I do not do this"), which Entra logs as NotImplemented, not as a server error.
  if (r?.status === 501) return { code: 'NotImplemented', severity: base }
  if (r?.status === 429) return { code: 'TooManyRequests', severity: base }
  if (c.id === 'diagnose/user-lookup-finds-one' && c.actual === 0) {
    return {
      code: 'EntryConflict',
      severity: 2,
      title:
        'Entra finds no user for that matching value, so it creates one; the endpoint refuses with 409 if the user exists under another value',
      fix: "Make the matching attribute's value in the endpoint equal to what Entra sends, or change the matching attribute.",
    }
  }
  // Consequences without a runtime code (gallery review, churn, error wording) cannot explain a quarantine.
  if (!lookupErrorCode(c.entra.code)) return undefined
  return { code: c.entra.code, ...(c.entra.quarantine ? { quarantine: c.entra.quarantine } : {}), severity: base }
}

/**
 * One finding per distinct cause among failed and warned checks, with the catalog check that reproduces it.
 * Checks that fail for the same reason (every probe answered 401) are merged, keeping the first one's observation.
 */
export function findingsFromChecks(checks: readonly CheckResult[], exchanges: readonly Exchange[]): ProbeFinding[] {
  const bySeq = new Map(exchanges.map((e) => [e.seq, e]))
  const merged = new Map<string, ProbeFinding & { also: string[]; fromProbe: boolean }>()
  for (const c of checks) {
    if (c.outcome !== 'failed' && c.outcome !== 'warned') continue
    const decisive = bySeq.get(Math.max(...c.exchanges))
    const f = classify(c, decisive)
    if (!f) continue
    const key = `${f.code}\u0000${f.title ?? ''}`
    const known = merged.get(key)
    if (known) {
      known.also.push(c.id)
      known.severity = Math.max(known.severity, f.severity)
      continue
    }
    const checkId = (PROBE_REPRODUCERS as Record<string, string>)[c.id] ?? c.id
    const said = cut(c.message ?? c.title)
    merged.set(key, {
      ...f,
      checkId,
      observation: checkId === c.id ? said : `${c.id}: ${said}`,
      also: [],
      fromProbe: c.id in PROBE_REPRODUCERS,
    })
  }
  // The diagnose probes compare two answers, so they name a cause more precisely than one failed check does:
  // they go first, and rankCauses keeps the first title it sees for a code.
  const out: ProbeFinding[] = [...merged.values()]
    .sort((a, b) => Number(b.fromProbe) - Number(a.fromProbe))
    .map(({ also, fromProbe: _p, ...f }) =>
      also.length ? { ...f, observation: `${f.observation} (the same in ${also.join(', ')})` } : f,
    )
  const slowest = [...exchanges].filter((e) => e.response).sort((a, b) => b.durationMs - a.durationMs)[0]
  if (slowest && slowest.durationMs > SLOW_PROBE_MS) {
    out.push({
      code: 'Timeout',
      severity: 1,
      observation: `${requestLine(slowest, { url: 'full', answer: false })} took ${(slowest.durationMs / 1000).toFixed(1)} s to answer one request`,
      title: "The endpoint answers slowly; under Entra's load it may time out (Entra's timeout is not documented)",
    })
  }
  return out
}
