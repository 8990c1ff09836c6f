// Run-level notices about how the server behaved on the wire (redirects, throttling, 5xx, retries), so a
// report names the cause even when the failing checks only show a status code.
import { isServerErrorStatus, type Exchange } from '../model/exchange.ts'
import { parseRetryAfter, RETRY_AFTER_LIMIT_MS } from './scim-client.ts'

export function transportNotices(exchanges: readonly Exchange[], opts: { retries: number; target: string }): string[] {
  const notices: string[] = []
  const origin = new URL(opts.target).origin
  const redirects = exchanges.filter(
    (e) => e.response && e.response.status >= 300 && e.response.status < 400 && e.response.status !== 304,
  )
  if (redirects.length) {
    const first = redirects[0]!.response!
    const location = first.headers.location ?? '(no Location)'
    let where = ''
    try {
      const to = new URL(location, redirects[0]!.request.url)
      where =
        to.origin === origin ? ' on the same origin' : ` to another origin (${to.origin}); the token was not sent there`
    } catch {
      /* an unreadable Location is reported as is */
    }
    notices.push(
      `${redirects.length} request(s) were answered with a redirect (first: ${first.status} to ${location}${where}). Redirects are not followed, and Entra does not follow them either: give the final URL as the base URL.`,
    )
  }
  const throttled = exchanges.filter((e) => e.response?.status === 429)
  if (throttled.length) {
    const asked = throttled.map((e) => e.response!.headers['retry-after']).filter((v): v is string => v !== undefined)
    const tooLong = asked.filter((v) => (parseRetryAfter(v) ?? 0) > RETRY_AFTER_LIMIT_MS)
    notices.push(
      `The server throttled ${throttled.length} request(s) with 429 Too Many Requests (${asked.length ? `Retry-After: ${[...new Set(asked)].slice(0, 3).join(', ')}` : 'without Retry-After'})` +
        (tooLong.length
          ? `; ${tooLong.length} asked to wait longer than ${RETRY_AFTER_LIMIT_MS / 1000} s, which this run does not`
          : '') +
        (opts.retries === 0 ? '. Pass --retries N to wait and retry idempotent requests.' : '.') +
        ' Microsoft requires at least 25 requests per second per tenant; non-gallery apps are not throttled by Entra.',
    )
  }
  const errors = exchanges.filter((e) => e.response && isServerErrorStatus(e.response.status))
  if (errors.length) {
    const statuses = [...new Set(errors.map((e) => e.response!.status))].join(', ')
    notices.push(
      `The server answered ${errors.length} request(s) with a server error (${statuses}). Entra retries such exports in a later cycle. One that came back when re-sent alone on a fresh resource is a defect of the request that sent it (its check fails); the others are one cause (run/no-server-errors), and the checks that needed those answers are blocked.`,
    )
  }
  const retried = exchanges.filter((e) => (e.retries ?? 0) > 0)
  if (retried.length) {
    const recovered = retried.filter((e) => e.response && e.response.status < 400).length
    notices.push(
      `${retried.length} request(s) were retried after 429/5xx (--retries ${opts.retries}); ${recovered} succeeded on a retry. Their exchanges are labelled with the retry count. A GET or DELETE that got a 5xx is retried once even without --retries.`,
    )
  }
  return notices
}
