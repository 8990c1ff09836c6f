// The user lifecycle as the issue's done-when states it: both dialects shown apart, a legacy-only defect
// failing only in legacy, the timeclock365 profile clean and sending exactly its mapping, and the matching
// attribute override reaching the wire.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { RunResult } from '../../helpers/model/result.ts'
import { ENTERPRISE_USER } from '../../helpers/entra/profile.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { ONE_DIALECT_ONLY } from '../../specs/users/shared-claims.ts'
import { idsWith, runCli, runSuiteCli } from './run-cli.ts'

const PATCH_FLOWS = [
  'Update User [Single-valued properties]',
  'Update User [Multi-valued properties]',
  'Update User [Manager]',
  'Disable User',
  'Update User [Empty and null values]',
  'Update User [Several operations]',
]

/** The attribute paths of an Entra POST body, written as in a mapping (emails[type eq "work"].value, URN paths). */
function mappedPaths(body: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(body)) {
    if (key === 'schemas' || key === 'meta') continue
    if (key === ENTERPRISE_USER) {
      for (const sub of Object.keys(value as object)) out.push(`${ENTERPRISE_USER}:${sub}`)
    } else if (Array.isArray(value) && value.length && value.every((e) => e && typeof e === 'object' && 'type' in e)) {
      for (const e of value as Record<string, unknown>[]) {
        for (const sub of Object.keys(e))
          if (sub !== 'type' && sub !== 'primary') out.push(`${key}[type eq "${String(e.type)}"].${sub}`)
      }
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const sub of Object.keys(value)) out.push(`${key}.${sub}`)
    } else {
      out.push(key)
    }
  }
  return out.sort()
}

const userPosts = (report: RunResult) =>
  report.exchanges.filter((e) => e.request.method === 'POST' && new URL(e.request.url).pathname.endsWith('/Users'))

describe('the user lifecycle', () => {
  test('patch-op-case-sensitive exits 1, fails only in the legacy dialect, and the console shows each PATCH flow per dialect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-report-'))
    const run = await runCli([
      '--seed',
      '7',
      '--fault',
      'patch-op-case-sensitive',
      '--verbose',
      '--report',
      'console,json',
      '--report-dir',
      dir,
    ])
    expect(run.code).toBe(1)
    const runDir = readdirSync(dir).find((d) => !d.startsWith('latest'))!
    const report = JSON.parse(readFileSync(join(dir, runDir, 'report.json'), 'utf8')) as RunResult
    const failed = report.checks.filter((c) => c.outcome === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    // Flows that run once (the 1,000-member group) carry no dialect label: they send Entra's default, legacy.
    expect([...new Set(failed.filter((c) => c.dialect).map((c) => c.dialect))]).toEqual(['legacy'])
    const lines = run.stdout.split('\n')
    for (const flow of PATCH_FLOWS) {
      expect(lines.filter((l) => l === `${flow} [legacy]`)).toHaveLength(1)
      expect(lines.filter((l) => l === `${flow} [aadOptscim062020]`)).toHaveLength(1)
    }
  })

  test('--profile timeclock365 runs clean, skipping only checks of attributes it does not map, and POSTs exactly its mapping', async () => {
    const run = await runSuiteCli(['--strict', '--seed', '7', '--profile', 'timeclock365'])
    expect(idsWith(run.report, 'failed')).toEqual([])
    expect(idsWith(run.report, 'warned')).toEqual([])
    // With a secret token the OAuth checks are skipped too; every other skip is an attribute the profile does not map.
    // (The large group is not built without --large-group.)
    for (const c of run.report.checks.filter(
      (x) => x.outcome === 'skipped' && !/^(authentication|large-group)\//.test(x.id),
    ))
      expect(c.message).toMatch(
        ONE_DIALECT_ONLY.includes(c.id)
          ? /profile 'timeclock365' does not map|dialect|aadOptscim062020/
          : /profile 'timeclock365' does not map/,
      )
    expect(run.code).toBe(0)

    // Entra writes the manager later, by PATCH (Microsoft: How application provisioning works), so a create carries every
    // mapped attribute but the manager; only Update User [Manager]'s one create mirrors the capture that carries it in the body.
    const profile = loadProfile('timeclock365')
    const expected = profile.attributes.filter((a) => !a.endsWith(':manager')).sort()
    const posts = userPosts(run.report)
    expect(posts.length).toBeGreaterThan(11)
    const withManager = posts.filter((p) =>
      mappedPaths(p.request.body as Record<string, unknown>).includes(`${ENTERPRISE_USER}:manager`),
    )
    expect(withManager).toHaveLength(2) // one per dialect
    for (const post of posts.filter((p) => !withManager.includes(p)))
      expect(mappedPaths(post.request.body as Record<string, unknown>)).toEqual(expected)
    for (const post of withManager)
      expect(mappedPaths(post.request.body as Record<string, unknown>)).toEqual(
        [...expected, `${ENTERPRISE_USER}:manager`].sort(),
      )
    // TimeClock 365 runs in both dialects: every flow whose PATCH differs by dialect is judged in each.
    const dialects = new Set(
      run.report.checks.filter((c) => c.outcome === 'passed' && c.dialect).map((c) => `${c.flow} [${c.dialect}]`),
    )
    for (const flow of ['Update User [Manager]', 'Disable User', 'Update User [Other mapped attributes]']) {
      expect(dialects).toContain(`${flow} [legacy]`)
      expect(dialects).toContain(`${flow} [aadOptscim062020]`)
    }
  })

  test('--matching-attribute externalId queries with filter=externalId+eq+"…"', async () => {
    const run = await runSuiteCli([
      '--seed',
      '7',
      '--matching-attribute',
      'externalId',
      '--only',
      'test-connection/*',
      '--only',
      'create-user/*',
      '--only',
      'get-user-by-query/*',
    ])
    expect(run.code).toBe(0)
    // The preflight's Test Connection query is the suite's own probe (role probe), not part of the flows.
    const queries = run.report.exchanges
      .filter((e) => e.role !== 'probe')
      .map((e) => e.request.url)
      .filter((u) => u.includes('/Users?filter='))
    expect(queries.some((u) => /\/Users\?filter=externalId\+eq\+%22[^%]+.*%22$/.test(u))).toBe(true)
    expect(queries.filter((u) => /filter=userName\+eq/.test(u)).length).toBe(1) // only the deliberate case-insensitivity probe
  })

  test.each([
    [
      '--matching-attribute outside the three',
      ['--matching-attribute', 'mail'],
      undefined,
      /--matching-attribute 'mail' is not an attribute Entra matches on/,
    ],
    [
      'an attribute that is not a path',
      [],
      { name: 'x', matchingAttribute: 'userName', attributes: ['userName', 'job title'] },
      /bad\.json' is not a valid mapping profile: \/attributes\/1 "job title" is not a SCIM attribute path/,
    ],
    [
      'an unsupported matching attribute',
      [],
      { name: 'x', matchingAttribute: 'mail', attributes: ['userName'] },
      /\/matchingAttribute "mail" is not a matching attribute Entra supports/,
    ],
    [
      'a matching attribute it does not map',
      [],
      { name: 'x', matchingAttribute: 'externalId', attributes: ['userName'] },
      /matchingAttribute "externalId" is not in attributes/,
    ],
    [
      'a matching precedence with an attribute it does not map',
      [],
      { name: 'x', matchingAttributes: ['userName', 'externalId'], attributes: ['userName'] },
      /matchingAttributes lists "externalId", which is not in attributes/,
    ],
    [
      'both matchingAttribute and matchingAttributes',
      [],
      { name: 'x', matchingAttribute: 'userName', matchingAttributes: ['userName'], attributes: ['userName'] },
      /gives both "matchingAttribute" and "matchingAttributes"/,
    ],
    [
      'an unknown key',
      [],
      { name: 'x', matchingAttribute: 'userName', attributes: ['userName'], mapping: {} },
      /unknown key "mapping"/,
    ],
  ])('bad input: %s is one line and exit 2', async (_name, args, profile, message) => {
    const extra: string[] = []
    if (profile) {
      const file = join(mkdtempSync(join(tmpdir(), 'spf-profile-')), 'bad.json')
      writeFileSync(file, JSON.stringify(profile))
      extra.push('--profile', file)
    }
    const r = await runCli([...(args as string[]), ...extra])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message as RegExp)
  })

  test('--matching-attribute that the profile does not map is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spf-profile-')), 'narrow.json')
    writeFileSync(
      file,
      JSON.stringify({ name: 'narrow', matchingAttribute: 'userName', attributes: ['userName', 'active'] }),
    )
    const r = await runCli(['--profile', file, '--matching-attribute', 'externalId'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--matching-attribute 'externalId' is not mapped by profile 'narrow'/)
  })
})
