// exchanges.har: every exchange of the run as HAR 1.2, so it opens in browser devtools and HAR viewers.
import type { Exchange } from '../model/exchange.ts'
import type { RunResult } from '../model/result.ts'
import { sanitizeRun } from './json.ts'
import { checkKey } from '../model/check-keys.ts'

interface NameValue {
  name: string
  value: string
}

const nameValues = (h: Record<string, string>): NameValue[] =>
  Object.entries(h).map(([name, value]) => ({ name, value }))

function header(h: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(h).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : h[key]
}

function queryString(url: string): NameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}

const bodyText = (body: unknown): string => (typeof body === 'string' ? body : (JSON.stringify(body) ?? ''))
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** HAR comments for requests that are no check's evidence, so a reader can skip them. */
const ROLE_COMMENT: Record<NonNullable<Exchange['role']>, string> = {
  token: 'token request (OAuth client credentials; secret and Basic credentials redacted)',
  probe: 'probe before the suite (reachability, credentials)',
  setup: "setup: data a flow needs (e.g. the large group's member accounts); no check cites it",
  cleanup: 'cleanup: deletes what the run created',
}

function entry(ex: Exchange, checks: string[]) {
  const req = ex.request
  const reqText = req.body === undefined ? undefined : bodyText(req.body)
  const request = {
    method: req.method,
    url: req.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: nameValues(req.headers),
    queryString: queryString(req.url),
    ...(reqText !== undefined
      ? { postData: { mimeType: header(req.headers, 'content-type') ?? 'application/scim+json', text: reqText } }
      : {}),
    headersSize: -1,
    bodySize: reqText === undefined ? 0 : bytes(reqText),
  }

  const res = ex.response
  const resText = res ? (res.rawText ?? (res.body === undefined ? '' : bodyText(res.body))) : ''
  const response = res
    ? {
        status: res.status,
        statusText: res.statusText,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: nameValues(res.headers),
        content: { size: bytes(resText), mimeType: header(res.headers, 'content-type') ?? 'x-unknown', text: resText },
        redirectURL: header(res.headers, 'location') ?? '',
        headersSize: -1,
        bodySize: bytes(resText),
      }
    : {
        status: 0,
        statusText: '',
        httpVersion: '',
        cookies: [],
        headers: [],
        content: { size: 0, mimeType: 'x-unknown' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      }

  return {
    startedDateTime: ex.startedAt,
    time: ex.durationMs,
    request,
    response,
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: ex.durationMs, receive: 0 },
    ...(ex.role
      ? { comment: ROLE_COMMENT[ex.role], _role: ex.role }
      : ex.retried
        ? { comment: 'answered 429/5xx and sent again (the next entry of this request is the retry)' }
        : {}),
    _seq: ex.seq,
    ...(checks.length ? { _checks: checks } : {}),
    ...(ex.retries !== undefined ? { _retries: ex.retries } : {}),
    ...(ex.retried ? { _retried: true } : {}),
    ...(ex.error !== undefined ? { _error: ex.error } : {}),
  }
}

/** The run's exchanges as a HAR 1.2 log; exchanges without an answer are entries with status 0 and `_error`. */
export function renderHar(input: RunResult): string {
  const run = sanitizeRun(input)
  const users = new Map<number, string[]>()
  for (const c of run.checks) {
    for (const seq of c.exchanges) users.set(seq, [...(users.get(seq) ?? []), checkKey(c)])
  }
  const d = run.diff
  const diff = d
    ? ` Compared with ${d.baseline}: ${d.newFailures.length} new failures, ${d.fixed.length} fixed, ${d.changed.length} changed.`
    : ''
  const log = {
    log: {
      version: '1.2',
      creator: { name: run.run.tool.name, version: run.run.tool.version },
      comment: `${run.verdict.headline}. ${run.verdict.gallery.text}. Run ${run.run.runId} against ${run.run.target}, seed ${run.run.seed}.${diff}`,
      entries: run.exchanges.map((ex) => entry(ex, users.get(ex.seq) ?? [])),
    },
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
