import { describe, expect, it } from 'vitest'
import { renderConsole, renderProgressLine } from '../../helpers/report/console.ts'
import { cleanRun, CHECKS, mixedRun } from './fixtures.ts'

const lines = (s: string) => s.split('\n')

// Content tests render wide, so a line is never cut by the wrapping they do not test (test/report/order.test.ts does).
const WIDE = 1000

describe('renderConsole --verbose', () => {
  const out = renderConsole(mixedRun(), { color: false, verbose: true, width: WIDE })
  const ls = lines(out)

  it('opens with the verdict and the first fix, then the notices; the gallery checklist comes after the causes', () => {
    expect(ls[0]).toBe('Entra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id"')
    expect(ls[1]).toBe('Fix first: Assign an id on create and return it in the 201 body, with meta.location.')
    expect(ls[2]).toBe('Notice: TLS certificate checks are off (--insecure)')
    expect(ls[3]).toContain('seed 1234')
    const gallery = ls.findIndex((l) =>
      l.startsWith('Gallery onboarding: 1 of 6 requirements met; not met: groups, SCIM Validator tests; not tested: '),
    )
    expect(gallery).toBeGreaterThan(ls.indexOf('3 causes (3 failed checks)'))
    const items = ls
      .slice(gallery + 1, gallery + 30)
      .filter((l) => /^ {2}[○✘✔] /.test(l))
      .slice(0, 6)
    expect(items.map((l) => l.trim().charAt(0))).toEqual(['○', '○', '✘', '✔', '○', '✘'])
    expect(items[2]).toBe('  ✘ Group provisioning: not met — 1 check failed, 1 waived')
    // --verbose unfolds what decided each requirement.
    expect(ls[ls.indexOf(items[2]!) + 1]).toBe('      update-group-remove-members/value-filter: failed')
  })

  it("shows each failure's level and the evidence for it", () => {
    expect(out).toMatch(
      /Level: Entra breaks — Microsoft's tutorial shows Entra sending this request\. \(Microsoft: Develop and plan provisioning/,
    )
    expect(out).toContain(
      'Levels: Entra breaks fails the run · Security fails the run · Gallery a warning (fails with --gallery) · RFC only a warning (fails with --strict)',
    )
  })

  it('ends with the counts, then the verdict and the first fix again', () => {
    expect(ls.slice(-4)).toEqual([
      '5 passed · 3 failed · 2 warnings (2 RFC only) · 1 skipped · 1 waived',
      '',
      'Entra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id"',
      'Fix first: Assign an id on create and return it in the 201 body, with meta.location.',
    ])
    const clean = lines(renderConsole(cleanRun(), { color: false, verbose: true, width: WIDE }))
    expect(clean.slice(-3)).toEqual(['6 passed · 0 failed · 0 warnings · 0 skipped', '', 'Ready for Entra'])
  })

  it('draws a tree per flow (per dialect for PATCH flows) with a mark per outcome and the dialect', () => {
    expect(ls).toContain('Update User [Single-valued properties] [legacy]')
    expect(ls).toContain('Update User [Single-valued properties] [aadOptscim062020]')
    expect(ls).toContain(
      '  ✘ update-user/replace-single-valued Applies a replace of a single-valued attribute [legacy]',
    )
    expect(ls).toContain(
      '  ✔ update-user/replace-single-valued Applies a replace of a single-valued attribute [aadOptscim062020]',
    )
    expect(ls).toContain('  ⚠ update-group-remove-members/responds-204 Answers a group PATCH with 204 No Content')
    expect(ls).toContain('  ○ update-group-remove-members/read-back Shows the removal on the next GET')
    expect(ls).toContain(
      '  ≈ update-group-remove-members/removes-all-listed Removes every member listed in one operation',
    )
  })

  it('gives each failure its request lines (last first), expected/actual, rule, Entra consequence and fix', () => {
    const start = ls.indexOf('  ✘ create-user/returns-id Returns the new user with a server-assigned id')
    const block = ls.slice(start + 1, start + 12).map((l) => l.trim())
    expect(block[1]).toBe('POST https://scim.fabrikam.example/scim/v2/Users → 201 Created')
    expect(block[2]).toMatch(/^GET https:\/\/scim\.fabrikam\.example\/scim\/v2\/Users\?filter=userName.* → 200 OK$/)
    expect(block).toContain('expected: a non-empty "id" string')
    expect(block).toContain('actual:   no "id" property')
    expect(block).toContain('RFC 7644 §3.3  https://www.rfc-editor.org/rfc/rfc7644#section-3.3')
    expect(block).toContain(
      'Entra: SystemForCrossDomainIdentityManagementServiceIncompatible — Entra cannot store the target id, so every later update and delete of this user fails.',
    )
    expect(block).toContain('Fix: Assign an id on create and return it in the 201 body, with meta.location.')
  })

  it('shows the quarantine reason when the consequence has one', () => {
    const run = mixedRun()
    run.checks[0]!.outcome = 'failed'
    expect(renderConsole(run, { color: false, verbose: true, width: WIDE })).toContain(
      'Entra: SystemForCrossDomainIdentityManagementCredentialValidationFailure (EncounteredQuarantineException) — Test Connection fails and the job cannot be saved.',
    )
  })

  it('shows at most three requests per failure', () => {
    const run = mixedRun()
    const c = run.checks.find((x) => x.id === 'create-user/returns-id')!
    c.exchanges = [1, 2, 3, 4, 5]
    const out = renderConsole(run, { color: false, verbose: true, width: WIDE })
    expect(out).toContain('(+2 earlier requests)')
    expect(out.indexOf('→ 400 Bad Request')).toBeLessThan(out.indexOf('→ 201 Created'))
  })

  it('uses ANSI colour only when asked', () => {
    expect(out).not.toContain('\u001b[')
    const coloured = renderConsole(mixedRun(), { color: true, verbose: true, width: WIDE })
    expect(coloured).toContain(
      '\u001b[1;31mEntra provisioning will fail: Create User: POST /Users: the 201 Created body has no "id"\u001b[0m',
    )
    expect(lines(coloured).at(-1)).toBe(
      '\u001b[1mFix first: Assign an id on create and return it in the 201 body, with meta.location.\u001b[0m',
    )
  })

  it('adds the diff section when the run has one', () => {
    const run = mixedRun()
    run.diff = { baseline: 'yesterday', newFailures: ['create-user/returns-id'], fixed: [], changed: [] }
    const out = renderConsole(run, { color: false })
    expect(out).toContain('Compared with yesterday')
    expect(out).toContain('  New failures: create-user/returns-id')
  })

  it('names the report files just before the closing verdict', () => {
    const ls = lines(
      renderConsole(mixedRun(), { color: false, reports: ['reports/r/report.json', 'reports/r/report.html'] }),
    )
    expect(ls.at(-4)).toBe('Reports: reports/r/report.json, reports/r/report.html')
    expect(ls.at(-1)).toMatch(/^Fix first: /)
  })
})

describe('renderConsole (default: causes first, scannable)', () => {
  const ls = lines(renderConsole(mixedRun(), { color: false, width: WIDE }))

  it('opens with the verdict, then the causes with their failed checks, request and fix', () => {
    expect(ls[0]).toMatch(/^Entra provisioning will fail: /)
    const head = ls.indexOf('3 causes (3 failed checks)')
    expect(head).toBeGreaterThan(0)
    expect(ls[head + 1]).toBe('  1. Create User: POST /Users: the 201 Created body has no "id"')
    expect(ls.slice(head, head + 8).some((l) => l.trim().startsWith('Failed: create-user/returns-id'))).toBe(true)
    expect(ls.slice(head, head + 10).some((l) => l.trim().startsWith('Fix: Assign an id on create'))).toBe(true)
  })

  it("prints no per-check tree; each flow's outcomes are counted in words, each skip reason once", () => {
    expect(ls.some((l) => l.startsWith('Update User [Single-valued properties] [legacy]'))).toBe(false)
    const per = ls.indexOf('Per flow')
    expect(per).toBeGreaterThan(0)
    expect(ls.slice(per + 1, per + 4)).toEqual([
      '  Test Connection: 2 passed',
      '  Create User: 1 failed, 1 warning, 1 passed',
      '  Update User [Single-valued properties] [legacy]: 1 failed',
    ])
    expect(ls).toContain('  Update Group [Remove Members]: 1 failed, 1 warning, 1 waived, 1 skipped')
    expect(ls.find((l) => /\d+\/\d+/.test(l) && !l.includes('://') && !l.includes('update-'))).toBeUndefined()
    const skipHead = ls.findIndex((l) => l.startsWith('Skipped: '))
    expect(skipHead).toBeGreaterThan(0)
  })
})

describe('renderProgressLine', () => {
  it('prints one line per finished check with its flow', () => {
    const line = renderProgressLine(CHECKS[5]!)
    expect(line).not.toContain('\n')
    expect(line).toMatch(
      /^✘ update-user\/replace-single-valued Applies a replace of a single-valued attribute \[legacy\] \(Update User \[Single-valued properties\], 42 ms\) — PATCH/,
    )
    expect(renderProgressLine(CHECKS[0]!)).toBe(
      '✔ test-connection/zero-results-200 Answers a query for a user that does not exist with 200 and an empty ListResponse (Test Connection, 42 ms)',
    )
  })
})
