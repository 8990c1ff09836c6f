import { describe, expect, it } from 'vitest'
import { renderConsole, renderProgressLine } from '../../helpers/report/console.ts'
import { cleanRun, CHECKS, mixedRun } from './fixtures.ts'

const lines = (s: string) => s.split('\n')

describe('renderConsole --verbose', () => {
  const out = renderConsole(mixedRun(), { color: false, verbose: true })
  const ls = lines(out)

  it('opens with the verdict, then the gallery checklist (one line per requirement) and the notices', () => {
    expect(ls[0]).toBe('Entra provisioning will fail: Create User: Returns the new user with a server-assigned id')
    expect(ls[1]).toMatch(/^Gallery onboarding: 1 of 6 requirements met; not met: groups, SCIM Validator tests; not tested: /)
    expect(ls.slice(2, 8).map((l) => l.trim().charAt(0))).toEqual(['○', '○', '✘', '✔', '○', '✘'])
    expect(ls[4]).toMatch(/Group provisioning .*: not met — update-group-remove-members\/value-filter: failed; update-group-remove-members\/removes-all-listed: waived/)
    expect(ls[8]).toBe('Notice: TLS certificate checks are off (--insecure)')
    expect(ls[9]).toContain('seed 1234')
  })

  it('shows each failure\'s level and the evidence for it', () => {
    expect(out).toMatch(/Level: Entra breaks — Microsoft's tutorial shows Entra sending this request\. \(Microsoft: Develop and plan provisioning/)
    expect(out).toContain('Levels: Entra breaks fails the run · Security fails the run · Gallery a warning (fails with --gallery) · RFC only a warning (fails with --strict)')
  })

  it('ends with the counts line, waived only when there are some', () => {
    expect(ls.at(-1)).toBe('5 passed · 3 failed · 2 warnings (2 RFC only) · 1 skipped · 1 waived')
    expect(lines(renderConsole(cleanRun(), { color: false, verbose: true })).at(-1)).toBe('6 passed · 0 failed · 0 warnings · 0 skipped')
  })

  it('draws a tree per flow (per dialect for PATCH flows) with a mark per outcome and the dialect', () => {
    expect(ls).toContain('Update User [Single-valued properties] [legacy]')
    expect(ls).toContain('Update User [Single-valued properties] [aadOptscim062020]')
    expect(ls).toContain('  ✘ update-user/replace-single-valued Applies a replace of a single-valued attribute [legacy]')
    expect(ls).toContain('  ✔ update-user/replace-single-valued Applies a replace of a single-valued attribute [aadOptscim062020]')
    expect(ls).toContain('  ⚠ update-group-remove-members/responds-204 Answers a group PATCH with 204 No Content')
    expect(ls).toContain('  ○ update-group-remove-members/read-back Shows the removal on the next GET')
    expect(ls).toContain('  ≈ update-group-remove-members/removes-all-listed Removes every member listed in one operation')
  })

  it('gives each failure its request lines (last first), expected/actual, rule, Entra consequence and fix', () => {
    const start = ls.indexOf('  ✘ create-user/returns-id Returns the new user with a server-assigned id')
    const block = ls.slice(start + 1, start + 12).map((l) => l.trim())
    expect(block[1]).toBe('POST https://scim.fabrikam.example/scim/v2/Users → 201 Created')
    expect(block[2]).toMatch(/^GET https:\/\/scim\.fabrikam\.example\/scim\/v2\/Users\?filter=userName.* → 200 OK$/)
    expect(block).toContain('expected: a non-empty "id" string')
    expect(block).toContain('actual:   no "id" property')
    expect(block).toContain('RFC 7644 §3.3  https://www.rfc-editor.org/rfc/rfc7644#section-3.3')
    expect(block).toContain('Entra: SystemForCrossDomainIdentityManagementServiceIncompatible — Entra cannot store the target id, so every later update and delete of this user fails.')
    expect(block).toContain('Fix: Assign an id on create and return it in the 201 body, with meta.location.')
  })

  it('shows the quarantine reason when the consequence has one', () => {
    const run = mixedRun()
    run.checks[0]!.outcome = 'failed'
    expect(renderConsole(run, { color: false, verbose: true })).toContain(
      'Entra: SystemForCrossDomainIdentityManagementCredentialValidationFailure (EncounteredQuarantineException) — Test Connection fails and the job cannot be saved.',
    )
  })

  it('shows at most three requests per failure', () => {
    const run = mixedRun()
    const c = run.checks.find((x) => x.id === 'create-user/returns-id')!
    c.exchanges = [1, 2, 3, 4, 5]
    const out = renderConsole(run, { color: false, verbose: true })
    expect(out).toContain('(+2 earlier requests)')
    expect(out.indexOf('→ 400 Bad Request')).toBeLessThan(out.indexOf('→ 201 Created'))
  })

  it('uses ANSI colour only when asked', () => {
    expect(out).not.toContain('\u001b[')
    const coloured = renderConsole(mixedRun(), { color: true, verbose: true })
    expect(coloured).toContain('\u001b[1;31mEntra provisioning will fail: Create User: Returns the new user with a server-assigned id\u001b[0m')
    expect(lines(coloured).at(-1)).toBe('5 passed · 3 failed · 2 warnings (2 RFC only) · 1 skipped · 1 waived')
  })

  it('adds the diff section when the run has one', () => {
    const run = mixedRun()
    run.diff = { baseline: 'yesterday', newFailures: ['create-user/returns-id'], fixed: [], changed: [] }
    const out = renderConsole(run, { color: false })
    expect(out).toContain('Compared with yesterday')
    expect(out).toContain('  New failures: create-user/returns-id')
  })
})

describe('renderConsole (default: causes first, scannable)', () => {
  const ls = lines(renderConsole(mixedRun(), { color: false }))

  it('opens with the verdict, then the causes with their failed checks, request and fix', () => {
    expect(ls[0]).toMatch(/^Entra provisioning will fail: /)
    const head = ls.indexOf('3 causes (3 failed checks)')
    expect(head).toBeGreaterThan(0)
    expect(ls[head + 1]).toBe('  1. Create User: Returns the new user with a server-assigned id')
    expect(ls.slice(head, head + 8).some((l) => l.trim().startsWith('Failed: create-user/returns-id'))).toBe(true)
    expect(ls.slice(head, head + 10).some((l) => l.trim().startsWith('Fix: Assign an id on create'))).toBe(true)
  })

  it('prints no per-check tree; passes are counted per flow, each skip reason once', () => {
    expect(ls).not.toContain('Update User [Single-valued properties] [legacy]')
    expect(ls).toContain('Passed, per flow')
    expect(ls.find((l) => l.includes('Test Connection 2/2 · Create User 1/3'))).toBeDefined()
    const skipHead = ls.findIndex((l) => l.startsWith('Skipped: '))
    expect(skipHead).toBeGreaterThan(0)
  })
})

describe('renderProgressLine', () => {
  it('prints one line per finished check with its flow', () => {
    const line = renderProgressLine(CHECKS[5]!)
    expect(line).not.toContain('\n')
    expect(line).toMatch(/^✘ update-user\/replace-single-valued Applies a replace of a single-valued attribute \[legacy\] \(Update User \[Single-valued properties\], 42 ms\) — PATCH/)
    expect(renderProgressLine(CHECKS[0]!)).toBe('✔ test-connection/zero-results-200 Answers a query for a user that does not exist with 200 and an empty ListResponse (Test Connection, 42 ms)')
  })
})
