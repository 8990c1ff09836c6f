import { describe, expect, it } from 'vitest'
import { renderHtml } from '../../helpers/report/html.ts'
import { mixedRun, SCRIPT_BODY } from './fixtures.ts'

describe('renderHtml (static)', () => {
  const html = renderHtml(mixedRun())

  it('is self-contained: one inline style, one inline script, no external resource', () => {
    expect(html.match(/<style>/g)).toHaveLength(1)
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/)
    expect(html).not.toMatch(/\bsrc=/)
    expect(html).not.toMatch(/@import|url\(/)
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)
    expect(
      hrefs.filter(
        (h) =>
          !h.startsWith('#') &&
          !/^https:\/\/(www\.rfc-editor\.org|learn\.microsoft\.com|github\.com|knowledge\.broadcom\.com)\//.test(h),
      ),
    ).toEqual([])
  })

  it('locks the page down with a hash-based Content-Security-Policy', () => {
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^&]+&#39;; script-src &#39;sha256-/,
    )
  })

  it('puts the verdict in the first heading, before the matrix and the flows', () => {
    const h1 = html.indexOf('<h1')
    expect(html.slice(h1, html.indexOf('</h1>'))).toContain('Entra provisioning will fail: Create User')
    expect(html.search(/<h[2-6]/)).toBeGreaterThan(h1)
    expect(html.indexOf('id="matrix"')).toBeGreaterThan(h1)
    expect(html).toContain('Gallery onboarding: 1 of 6 requirements met')
    expect(html).toContain('TLS certificate checks are off (--insecure)')
  })

  it('escapes what the server returned', () => {
    expect(html).not.toContain(SCRIPT_BODY)
    expect(html).toContain('&lt;script&gt;document.title="pwned"&lt;/script&gt;')
    const run = mixedRun()
    run.checks[3]!.title = '"><img src=x onerror=alert(1)>'
    run.run.target = 'https://x/"><script>alert(1)</script>'
    const out = renderHtml(run)
    expect(out).not.toContain('<img src=x')
    expect(out.match(/<script>/g)).toHaveLength(1)
  })

  it('links matrix cells to flow and dialect sections, and the to-fix list to checks', () => {
    expect(html).toContain('href="#flow-update-user-single-valued-properties--legacy"')
    expect(html).toContain('id="flow-update-user-single-valued-properties--legacy"')
    expect(html).toContain('<a href="#check-update-user-replace-single-valued--legacy">')
    expect(html).toContain('<details class="check failed" id="check-update-user-replace-single-valued--legacy">')
    expect(html).toContain(
      '<details class="check passed" id="check-update-user-replace-single-valued--aadoptscim062020">',
    )
  })

  it('shows every exchange of a check with request and response', () => {
    expect(html).toContain(
      'PATCH https://scim.fabrikam.example/scim/v2/Users/2819c223-7f76-453a-919d-413861904646 → <span class="st st-client">400 Bad Request</span>',
    )
    expect(html).toContain(
      'GET https://scim.fabrikam.example/scim/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a?excludedAttributes=members → <span class="st st-none">no answer: timed out after 10000 ms</span>',
    )
    expect(html).toContain(`"detail": "Unsupported op 'Replace'"`)
  })

  it('colours a 501 as a refusal, like a 4xx, and a 500 as a server error', () => {
    const run = mixedRun()
    const patch = run.exchanges.find((e) => e.seq === 5)!
    patch.response = { ...patch.response!, status: 501, statusText: 'Not Implemented' }
    const out = renderHtml(run)
    expect(out).toContain('<span class="st st-client">501 Not Implemented</span>')
    expect(out).toContain('<span class="st st-server">500 Internal Server Error</span>')
  })

  it('shows the diff when the run has one', () => {
    const run = mixedRun()
    run.diff = {
      baseline: 'old-run',
      newFailures: ['create-user/returns-id'],
      fixed: [],
      changed: ['a: passed → warned'],
    }
    const out = renderHtml(run)
    expect(out).toContain('<h2>Compared with old-run</h2>')
    expect(out).toContain('<code>a: passed → warned</code>')
  })
})
