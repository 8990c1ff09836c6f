// The part of faker's locale that TestData draws from: English names, job titles, departments, phone formats,
// addresses and words. Under tsx and vitest it is picked out of faker's whole English locale at load; the build puts
// the same definitions in the bundle as a literal (cli/build/build.js), so a run does not load the rest of the locale
// (animals, books, music, airlines: 380 KB). test/entra/faker-locale.test.ts proves that TestData draws the same
// values from it as from the whole locale, and that the literal is this value.
import { base, en, type LocaleDefinition } from '@faker-js/faker'

/** The definitions TestData's calls read, by category; a category not named here is left out. */
const USED = {
  en: {
    person: [
      'first_name',
      'last_name',
      'last_name_pattern',
      'job_area',
      'job_descriptor',
      'job_title_pattern',
      'job_type',
    ],
    commerce: ['department'],
    location: [
      'building_number',
      'city_name',
      'city_pattern',
      'city_prefix',
      'city_suffix',
      'postcode',
      'state',
      'street_address',
      'street_name',
      'street_pattern',
      'street_suffix',
    ],
    phone_number: ['format'],
    word: ['adjective', 'adverb', 'conjunction', 'interjection', 'noun', 'preposition', 'verb'],
  },
  base: { location: ['country_code'] },
} as const

function pick(locale: LocaleDefinition, used: Record<string, readonly string[]>): LocaleDefinition {
  const source = locale as Record<string, Record<string, unknown> | undefined>
  return Object.fromEntries(
    Object.entries(used).map(([category, keys]) => [
      category,
      Object.fromEntries(keys.map((key) => [key, source[category]?.[key]])),
    ]),
  ) as LocaleDefinition
}

/** English over faker's base locale, as TestData's Faker reads them. */
export const TEST_DATA_LOCALE: LocaleDefinition[] = [pick(en, USED.en), pick(base, USED.base)]
