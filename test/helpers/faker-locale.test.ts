// TestData draws from the part of faker's locale it needs (helpers/entra/faker-locale.ts), which the build ships as a
// literal: the values must be the ones the whole locale gives, seed for seed, so `--seed N` means what it meant.
import { base, en, Faker } from '@faker-js/faker'
import { describe, expect, test } from 'vitest'
import { TEST_DATA_LOCALE } from '../../helpers/entra/faker-locale.ts'
import { TestData } from '../../helpers/entra/test-data.ts'

/** Everything TestData makes, in an order that interleaves its calls (each draw moves faker's generator on). */
function draws(data: TestData): unknown[] {
  const out: unknown[] = []
  for (let i = 0; i < 20; i++) out.push(data.person(), data.group(), data.word(), data.guid(), data.groupExternalId())
  return out
}

describe("TestData's part of faker's locale", () => {
  test('gives the values of the whole English locale, seed for seed', () => {
    for (let seed = 1; seed <= 200; seed++)
      expect(draws(new TestData('spf-x', seed)), `seed ${seed}`).toEqual(draws(new TestData('spf-x', seed, [en, base])))
  })

  test('is plain data, so the literal the build writes is this value', () => {
    expect(JSON.parse(JSON.stringify(TEST_DATA_LOCALE))).toEqual(TEST_DATA_LOCALE)
  })

  test('leaves out what TestData never reads', () => {
    const categories = TEST_DATA_LOCALE.flatMap((l) => Object.keys(l))
    for (const gone of ['animal', 'music', 'airline', 'book', 'food', 'internet'])
      expect(categories).not.toContain(gone)
  })
})

describe('TestData sharing one Faker', () => {
  /** What a Faker of its own gives for `seed`: the values TestData gave when each had one. */
  function ownFaker(seed: number): unknown[] {
    const f = new Faker({ locale: TEST_DATA_LOCALE })
    f.seed(seed)
    return [f.person.firstName(), f.person.lastName(), f.person.jobTitle(), f.location.city(), f.string.uuid()]
  }
  const draw = (data: TestData): unknown[] => {
    const p = data.person()
    return [p.givenName, p.familyName, p.title]
  }

  test('gives each TestData the values of a Faker of its own, however their draws interleave', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const [a, b] = [new TestData('spf-x', seed), new TestData('spf-x', seed + 1000)]
      const interleaved = [draw(a), draw(b), draw(a), draw(b)]
      const [a2, b2] = [new TestData('spf-x', seed), new TestData('spf-x', seed + 1000)]
      expect(interleaved, `seed ${seed}`).toEqual([draw(a2), draw(b2), draw(a2), draw(b2)])
      expect(interleaved[0]!.slice(0, 2), `seed ${seed}`).toEqual(ownFaker(seed).slice(0, 2))
    }
  })
})
