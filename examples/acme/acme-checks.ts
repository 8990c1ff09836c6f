// Acme's own checks, beside the Entra suite: one attribute only Acme's app has, and one rule of Acme's API.
// Loaded by `npx scim-preflight --checks ./acme-checks.ts` and by entra.spec.ts alike.
import { defineCheck, microsoft } from 'scim-preflight/checks'

/** Acme's custom extension, as Entra sends it: an object named by its URN (Microsoft does not add it to `schemas`). */
export const ACME = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User'

type AcmeUser = { id?: string; [ACME]?: { badgeNumber?: unknown } }

export const badgeRoundTrip = defineCheck({
  id: 'acme/badge-round-trip',
  title: "The badge number (Acme's custom extension attribute) comes back as Entra sent it, on create and on update",
  level: 'entra',
  evidence: {
    says: "Acme's gallery attribute mapping maps badgeNumber: Entra sends it in every create and update, and re-sends a value that comes back different every cycle.",
    sources: [microsoft('attribute-mappings'), 'https://docs.acme.example/scim/attributes#badge-number'],
  },
  fix: `Store ${ACME}:badgeNumber as sent, from POST and from PATCH in both dialects, and return it in every User.`,
  consequence: {
    effect: 'Door badges of provisioned users stay empty or stale; Entra re-sends the value every cycle.',
  },
  // Without a created user there is nothing to read back: blocked, not failed, when Entra's create fails.
  dependsOn: ['create-user/accepts-entra-body'],
  async run(t) {
    const badge = `B-${t.data.person().ordinal}${t.data.word().length}`
    const created = await t.createUser(undefined, { [ACME]: { badgeNumber: badge } })
    t.expect.status(created.exchange, 201)
    const id = created.id ?? t.fail('the create answered without an id')
    const read = await t.scim.get(`/Users/${id}`)
    t.expect.status(read, 200)
    t.expect.equal(
      read,
      `${ACME}:badgeNumber after the create`,
      t.expect.jsonBody<AcmeUser>(read)[ACME]?.badgeNumber,
      badge,
    )

    const renewed = `${badge}-2`
    const patch = await t.scim.patch(`/Users/${id}`, t.replaceBody({ [`${ACME}:badgeNumber`]: renewed }))
    t.expect.status(patch, [200, 204])
    const again = await t.scim.get(`/Users/${id}`)
    t.expect.status(again, 200)
    t.expect.equal(
      again,
      `${ACME}:badgeNumber after the update`,
      t.expect.jsonBody<AcmeUser>(again)[ACME]?.badgeNumber,
      renewed,
    )
  },
})

export const disabledUsersFreeTheirSeat = defineCheck({
  id: 'acme/disabled-users-free-their-seat',
  title: 'A user Entra disabled is no longer listed by the seat query (active eq true)',
  level: 'entra',
  evidence: {
    says: 'Acme bills per active seat from GET /Users?filter=active eq true; a disabled user still listed there is billed (the regression of Acme 4.2).',
    sources: ['https://docs.acme.example/billing/seats'],
  },
  fix: 'Apply the active clause of a filter, and store Entra\'s "False" (legacy dialect) as false.',
  consequence: { effect: 'Customers are billed for users their Entra tenant disabled.' },
  dependsOn: ['create-user/accepts-entra-body'],
  async run(t) {
    const created = await t.createUser()
    const id = created.id ?? t.fail('the create answered without an id', { about: created.exchange })
    // Entra's disable, in the run's dialect ("Replace" with "False" in legacy, a real boolean in aadOptscim062020).
    const disable = await t.scim.patch(`/Users/${id}`, t.replaceBody({ active: false }))
    t.expect.status(disable, [200, 204])
    t.expect.accepted(disable, 'the user was not disabled')
    const seats = await t.scim.get('/Users', {
      query: [['filter', `userName eq "${created.person.userName}" and active eq true`]],
    })
    t.expect.status(seats, 200)
    t.expect.equal(
      seats,
      'totalResults of the seat query for the disabled user',
      t.expect.jsonBody<{ totalResults?: unknown }>(seats).totalResults,
      0,
    )
  },
})
