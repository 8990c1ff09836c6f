// Severity is a claim that needs evidence: every check's level cites sources of the kind that level needs.
import { describe, expect, test } from 'vitest'
import { mirrorOf } from '../../cli/list.ts'
import { catalog, type CheckId } from '../../specs/catalog.ts'
import { MIRRORS } from '../../specs/mirrors.ts'
import { probeChecks } from '../../helpers/diagnose/probe-checks.ts'
import { isRfcSource, isValidationSource } from '../../helpers/model/refs.ts'

const all = Object.entries({ ...catalog, ...probeChecks })
const isRfc = (url: string) => url.startsWith('https://www.rfc-editor.org/')

describe('every level carries its evidence', () => {
  test('each check says why it has its level, and cites at least one public source', () => {
    const bare = all
      .filter(([, c]) => !c.evidence.says.trim() || (c.evidence.sources as readonly unknown[]).length === 0)
      .map(([id]) => id)
    expect(bare).toEqual([])
  })

  test('"Entra breaks" cites a Microsoft document or captured Entra traffic, never the RFC alone', () => {
    const rfcOnly = all
      .filter(([, c]) => c.severity === 'entra' && c.evidence.sources.every((r) => isRfc(r.url)))
      .map(([id]) => id)
    expect(rfcOnly).toEqual([])
  })

  test('"Entra breaks" rests on run-time evidence: a Microsoft document of the service or a capture, not only Microsoft\'s validation', () => {
    const validationOnly = all
      .filter(
        ([, c]) => c.severity === 'entra' && c.evidence.sources.every((r) => isRfcSource(r) || isValidationSource(r)),
      )
      .map(([id]) => id)
    expect(validationOnly).toEqual([])
  })

  test('`list` shows, for every Entra-level check, the request it mirrors and its run-time source', () => {
    const unmirrored = Object.entries(catalog)
      .filter(([id, c]) => c.severity === 'entra' && !mirrorOf(id, c))
      .map(([id]) => id)
    expect(unmirrored).toEqual([])
    const stale = Object.keys(MIRRORS).filter((id) => catalog[id as CheckId]?.severity !== 'entra')
    expect(stale).toEqual([])
  })

  test('"Security" cites the RFC that forbids what the server let in, and a Microsoft document', () => {
    const security = all.filter(([, c]) => c.severity === 'security')
    expect(security.map(([id]) => id).sort()).toEqual([
      'authentication/federation-refuses-unsigned-assertion',
      'authentication/federation-refuses-wrong-key',
      'test-connection/rejects-missing-token',
      'test-connection/rejects-wrong-token',
    ])
    for (const [id, c] of security) {
      expect(
        c.evidence.sources.some((r) => /^RFC (6750|7523|8725)/.test(r.label)),
        id,
      ).toBe(true)
      expect(
        c.evidence.sources.some((r) => isValidationSource(r) || r.label.startsWith('Microsoft')),
        id,
      ).toBe(true)
    }
  })

  test('"RFC only" cites the RFC section it rests on', () => {
    const noRfc = all
      .filter(([, c]) => c.severity === 'rfc' && !c.evidence.sources.some((r) => isRfc(r.url)))
      .map(([id]) => id)
    expect(noRfc).toEqual([])
  })

  test('no evidence points at an internal file or a source key', () => {
    const internal = all
      .filter(([, c]) =>
        /entra-facts|\bS\d+\b|\bI\d+\b/.test(
          `${c.evidence.says} ${c.evidence.sources.map((r) => `${r.label} ${r.url}`).join(' ')}`,
        ),
      )
      .map(([id]) => id)
    expect(internal).toEqual([])
    for (const [, c] of all) for (const r of c.evidence.sources) expect(r.url).toMatch(/^https:\/\//)
  })
})
