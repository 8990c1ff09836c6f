// The shape of a generated person and the value lists its attributes draw from: apart from the generator
// (test-data.ts), so that reading them does not load faker, which is a fifth of the code a run parses.

/** Language tags a directory holds in preferredLanguage (BCP 47, as Entra copies them from the user's preferredLanguage). */
export const LANGUAGE_TAGS = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL', 'pt-BR', 'ja-JP'] as const
/** IANA time zones, the form RFC 7643 §4.1.1 gives for timezone. */
export const TIME_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const
/** The next value of a list after `current`, so an update always changes the value to another real one. */
export const nextOf = <T extends string>(list: readonly T[], current: string): T =>
  list[(list.indexOf(current as T) + 1) % list.length]!

export interface PersonData {
  userName: string
  externalId: string
  givenName: string
  familyName: string
  displayName: string
  email: string
  title: string
  department: string
  employeeNumber: string
  mobile: string
  workPhone: string
  street: string
  locality: string
  region: string
  postalCode: string
  country: string
  preferredLanguage: string
  /** The person's number within the run's flow (n of userName `…-u<n>.…`): generated values of other mapped attributes derive from it. */
  ordinal: number
}
