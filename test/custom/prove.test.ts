// A vendor's check that cannot fail is caught as a built-in one is: the fault meant to break it does not, and a check
// no fault declares is named. (What proveChecks registers as vitest tests, run here without vitest's registration.)
import { describe, expect, test } from 'vitest'
import { defineCheck, defineFault } from '../../helpers/custom/define.ts'
import { prepareProof, proveFault, unprovenChecks } from '../../helpers/vitest/prove.ts'
import { mapUsers } from '../../server/faults/match.ts'

const claim = {
  level: 'entra',
  evidence: { says: 'VendorX rule.', sources: ['https://docs.vendorx.example'] },
  fix: 'Fix it.',
} as const
const keepsTitle = defineCheck({
  ...claim,
  id: 'vendorx/keeps-title',
  title: 'The title comes back',
  async run(t) {
    const created = await t.createUser()
    t.expect.equal(
      created.exchange,
      'title',
      t.expect.jsonBody<{ title?: unknown }>(created.exchange).title,
      created.person.title,
    )
  },
})
// Looks like a check, proves nothing: it never throws.
const cannotFail = defineCheck({
  ...claim,
  id: 'vendorx/cannot-fail',
  title: 'The display name is fine',
  async run(t) {
    await t.createUser()
  },
})
const dropsTitle = defineFault({
  id: 'vendorx-drops-title',
  summary: 'title never returned',
  breaks: ['vendorx/keeps-title'],
  rewriteResponse: (_req, res) => mapUsers(res, ({ title: _t, ...rest }) => rest),
})
const dropsDisplayName = defineFault({
  id: 'vendorx-drops-display-name',
  summary: 'displayName never returned',
  breaks: ['vendorx/cannot-fail'],
  rewriteResponse: (_req, res) => mapUsers(res, ({ displayName: _d, ...rest }) => rest),
})

describe("proving a vendor's checks can fail", () => {
  const proof = prepareProof([keepsTitle, cannotFail], [])

  test('a fault that breaks its check is proven', async () => {
    expect(await proveFault(proof, dropsTitle)).toEqual({ want: ['vendorx/keeps-title'], got: ['vendorx/keeps-title'] })
  })

  test('a check that cannot fail is caught: its fault breaks nothing', async () => {
    expect(await proveFault(proof, dropsDisplayName)).toEqual({ want: ['vendorx/cannot-fail'], got: [] })
  })

  test('a check no fault declares is named', () => {
    expect(unprovenChecks(proof, [dropsTitle])).toEqual(['vendorx/cannot-fail'])
    expect(unprovenChecks(proof, [dropsTitle, dropsDisplayName])).toEqual([])
  })
})
