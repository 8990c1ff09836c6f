import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/report/markdown.ts'
import { cleanRun, mixedRun } from './fixtures.ts'

describe('renderMarkdown', () => {
  const md = renderMarkdown(mixedRun())
  const lines = md.split('\n')

  it('opens with the verdict and the first fix; the gallery checklist follows the causes, a line per requirement', () => {
    expect(lines[0]).toBe(
      '## ❌ Entra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id"',
    )
    expect(lines[2]).toBe('**Fix first: Assign an id on create and return it in the 201 body, with meta.location.**')
    const gallery = lines.indexOf(
      '➖ Gallery onboarding: 1 of 6 requirements met; not met: groups, SCIM Validator tests; not tested: OAuth client credentials, schema discovery, 25 req/s',
    )
    expect(gallery).toBeGreaterThan(lines.indexOf('### 3 causes (3 failed checks)'))
    expect(lines[gallery + 2]).toBe('- ○ **OAuth 2.0 client credentials**: not tested')
    expect(lines[gallery + 4]).toBe('- ✘ **Group provisioning**: not met — 1 check failed, 1 waived')
    expect(md).toContain('> **Notice:** TLS certificate checks are off (--insecure)')
    expect(renderMarkdown(cleanRun()).split('\n')[0]).toBe('## ✅ Ready for Entra')
  })

  it('has a flows × dialects table with counts', () => {
    expect(lines).toContain('| Flow | Dialect | ✔ passed | ✘ failed | ⚠ warnings | ○ skipped | ⊘ blocked | ≈ waived |')
    expect(lines).toContain('| Update User \\[Single-valued properties\\] | legacy | 0 | **1** | 0 | 0 | 0 | 0 |')
    expect(lines).toContain('| Update User \\[Single-valued properties\\] | aadOptscim062020 | 2 | 0 | 0 | 0 | 0 | 0 |')
    expect(lines).toContain('| Test Connection | — | 2 | 0 | 0 | 0 | 0 | 0 |')
    expect(lines).toContain('**5 passed · 3 failed · 2 warnings (2 RFC only) · 1 skipped · 1 waived**')
  })

  it('details each failure with request line, expected/actual, rule links, Entra consequence and fix', () => {
    const at = lines.indexOf(
      '#### ✘ `update-user/replace-single-valued` [legacy]: Applies a replace of a single-valued attribute',
    )
    expect(at).toBeGreaterThan(lines.indexOf('### Failures, check by check'))
    const block = lines.slice(at, at + 14).join('\n')
    expect(block).toContain(
      '```text\nPATCH https://scim.fabrikam.example/scim/v2/Users/2819c223-7f76-453a-919d-413861904646 → 400 Bad Request\nexpected: 200\nactual:   400\n```',
    )
    expect(block).toContain('- Rule: [RFC 7644 §3.5.2](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2)')
    expect(block).toContain('- Entra: SystemForCrossDomainIdentityManagementBadRequest — Every attribute change')
    expect(block).toContain('- Fix: Compare PATCH op values case-insensitively')
    expect(md).toContain('### Warnings, check by check')
    expect(md).toContain(
      '- `update-group-remove-members/removes-all-listed`: Known gap, fixed in 4.2 (SCIM-88) (until 2099-12-31)',
    )
  })

  it('cannot be broken out of by what the server sent', () => {
    const run = mixedRun()
    const c = run.checks.find((x) => x.id === 'update-group-remove-members/value-filter')!
    c.message = 'got <script>alert(1)</script> | pipe'
    c.actual = '```\n# heading\n```'
    const out = renderMarkdown(run)
    expect(out).toContain('got &lt;script&gt;alert(1)&lt;/script&gt; \\| pipe')
    expect(out).not.toContain('<script>')
    expect(out).toContain('````text\n')
  })

  it('lists the diff when there is one', () => {
    const run = mixedRun()
    run.diff = {
      baseline: 'reports/old/report.json',
      newFailures: ['create-user/returns-id'],
      fixed: ['x/y [legacy]'],
      changed: [],
    }
    const out = renderMarkdown(run)
    expect(out).toContain('### Compared with reports/old/report.json')
    expect(out).toContain('- New failures: `create-user/returns-id`')
    expect(out).toContain('- Fixed: `x/y [legacy]`')
  })
})
