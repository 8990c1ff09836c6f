import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../helpers/model/errors.ts'
import { applyWaivers, loadWaivers } from '../../helpers/result/waivers.ts'
import { CHECKS } from './fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'scim-preflight-waivers-'))
const file = (name: string, text: string): string => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}
const NOW = new Date('2026-05-05T12:00:00Z')

describe('loadWaivers', () => {
  it('reads YAML', async () => {
    const p = file(
      'w.yaml',
      `# accepted gaps\n- id: update-group-*\n  reason: Group PATCH rewrite lands in 4.2\n  expires: 2026-06-30\n- id: create-user/content-type-scim-json\n  reason: Proxy rewrites the header\n  dialect: legacy\n`,
    )
    expect(await loadWaivers(p)).toEqual([
      { id: 'update-group-*', reason: 'Group PATCH rewrite lands in 4.2', expires: '2026-06-30' },
      { id: 'create-user/content-type-scim-json', reason: 'Proxy rewrites the header', dialect: 'legacy' },
    ])
  })

  it('reads JSON, as a list or under "waivers"', async () => {
    expect(await loadWaivers(file('a.json', '[{"id":"a/b","reason":"r"}]'))).toEqual([{ id: 'a/b', reason: 'r' }])
    expect(await loadWaivers(file('b.json', '{"waivers":[{"id":"a/b","reason":"r"}]}'))).toEqual([
      { id: 'a/b', reason: 'r' },
    ])
    expect(await loadWaivers(file('empty.yaml', ''))).toEqual([])
  })

  it.each([
    ['bad.json', '[{"id": "a/b",}]', /^waivers file bad\.json is not valid JSON: /],
    ['bad.yaml', '- id: [unclosed', /^waivers file bad\.yaml is not valid YAML: /],
    ['noreason.yaml', '- id: a/b', /^waivers file noreason\.yaml: entry 1 \(a\/b\) has no "reason"/],
    [
      'typo.yaml',
      '- id: a/b\n  reason: r\n  expiry: 2026-01-01',
      /^waivers file typo\.yaml: entry 1 has unknown field "expiry"/,
    ],
    [
      'date.yaml',
      '- id: a/b\n  reason: r\n  expires: 2026-02-30',
      /^waivers file date\.yaml: entry 1 \(a\/b\) has expires "2026-02-30", not a YYYY-MM-DD date$/,
    ],
    ['dialect.yaml', '- id: a/b\n  reason: r\n  dialect: v2', /dialect "v2"; use legacy or aadOptscim062020$/],
    ['shape.yaml', 'id: a/b', /^waivers file shape\.yaml must hold a list of waivers/],
  ])('rejects %s with a one-line UsageError', async (name, text, message) => {
    const p = file(name, text)
    let err: unknown
    try {
      await loadWaivers(p)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(UsageError)
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toContain('\n')
  })

  it('names a missing file', async () => {
    await expect(loadWaivers(join(dir, 'nope.yaml'))).rejects.toThrow(
      /^waivers file .*nope\.yaml cannot be read: ENOENT$/,
    )
  })
})

describe('applyWaivers', () => {
  it('waives matching failures and warnings by id glob, keeping the reason', () => {
    const { checks, expired } = applyWaivers(
      CHECKS,
      [{ id: 'update-group-remove-members/*', reason: 'In progress', expires: '2026-06-30' }],
      NOW,
    )
    expect(expired).toEqual([])
    const changed = checks.filter((c, i) => c.outcome !== CHECKS[i]!.outcome)
    expect(changed.map((c) => c.id)).toEqual([
      'update-group-remove-members/value-filter',
      'update-group-remove-members/responds-204',
    ])
    expect(changed[0]).toMatchObject({ outcome: 'waived', waiver: { reason: 'In progress', expires: '2026-06-30' } })
    expect(checks.find((c) => c.id === 'update-group-remove-members/read-back')!.outcome).toBe('skipped')
    expect(CHECKS[8]!.outcome).toBe('failed')
  })

  it('matches the dialect when the waiver names one', () => {
    const { checks } = applyWaivers(
      CHECKS,
      [{ id: 'update-user/replace-single-valued', reason: 'r', dialect: 'aadOptscim062020' }],
      NOW,
    )
    expect(checks.find((c) => c.dialect === 'legacy' && c.id === 'update-user/replace-single-valued')!.outcome).toBe(
      'failed',
    )
    const both = applyWaivers(CHECKS, [{ id: 'update-user/*', reason: 'r' }], NOW).checks
    expect(both.find((c) => c.dialect === 'legacy')!.outcome).toBe('waived')
  })

  it('does not let an expired waiver waive, and reports it', () => {
    const old = { id: 'create-user/returns-id', reason: 'r', expires: '2026-05-04' }
    const today = { id: 'create-user/content-type-scim-json', reason: 'r', expires: '2026-05-05' }
    const { checks, expired } = applyWaivers(CHECKS, [old, today], NOW)
    expect(expired).toEqual([old])
    expect(checks.find((c) => c.id === 'create-user/returns-id')!.outcome).toBe('failed')
    expect(checks.find((c) => c.id === 'create-user/content-type-scim-json')!.outcome).toBe('waived')
  })

  it('treats only * as special in ids', () => {
    const { checks } = applyWaivers(CHECKS, [{ id: 'create-user.returns-id', reason: 'r' }], NOW)
    expect(checks.find((c) => c.id === 'create-user/returns-id')!.outcome).toBe('failed')
  })
})
