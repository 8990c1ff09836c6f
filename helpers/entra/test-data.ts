// Run-scoped test data: every name carries the run prefix, so leftovers are easy to find and nothing the
// run did not create is ever touched. Values are seeded, so `--seed N` reproduces a run's bodies.
import { Faker, generateMersenne53Randomizer, type LocaleDefinition, type Randomizer } from '@faker-js/faker'
import { TEST_DATA_LOCALE } from './faker-locale.ts'
import { LANGUAGE_TAGS, type PersonData } from './person.ts'

/**
 * The generator a shared Faker draws from: the one of the TestData that is drawing. A Faker costs a millisecond to
 * build (it binds every method of its two dozen modules) and a run has some forty TestData, so they share one Faker
 * per locale and each lends it its own generator for the value it draws; a draw never awaits, so no other TestData's
 * draw comes between.
 */
interface LentRandomizer extends Randomizer {
  lent: Randomizer
}

// Faker calls these unbound: they close over the object rather than use `this`.
function lentRandomizer(): LentRandomizer {
  const r: LentRandomizer = {
    lent: generateMersenne53Randomizer(0),
    next: () => r.lent.next(),
    seed: (seed) => r.lent.seed(seed),
  }
  return r
}

const shared = new Map<LocaleDefinition[], { faker: Faker; randomizer: LentRandomizer }>()

function sharedFaker(locale: LocaleDefinition[]): { faker: Faker; randomizer: LentRandomizer } {
  let known = shared.get(locale)
  if (!known) {
    const randomizer = lentRandomizer()
    shared.set(locale, (known = { faker: new Faker({ locale, randomizer }), randomizer }))
  }
  return known
}

export class TestData {
  /** This TestData's own generator, seeded as `new Faker().seed(seed)` seeds one: the values are those of a Faker of its own. */
  readonly #random: Randomizer
  private counter = 0
  constructor(
    readonly prefix: string,
    seed: number,
    /** What faker draws from: the part of its locale these values need (a test compares it with the whole). */
    private readonly locale: LocaleDefinition[] = TEST_DATA_LOCALE,
  ) {
    this.#random = generateMersenne53Randomizer(seed)
  }

  /** The shared Faker, drawing from this TestData's generator until the next TestData asks. */
  private get faker(): Faker {
    const { faker, randomizer } = sharedFaker(this.locale)
    randomizer.lent = this.#random
    return faker
  }

  /** A GUID like the ones Entra generates (Test Connection, externalId of groups). */
  guid(): string {
    return this.faker.string.uuid()
  }

  person(): PersonData {
    const f = this.faker
    const n = ++this.counter
    const givenName = f.person.firstName()
    const familyName = f.person.lastName()
    const local = `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z0-9.]/g, '')
    // Real UPNs and mail addresses carry capitals (Maria.Lopez@Contoso.example): a server that folds or compares their
    // case shows it. Capitals come only after the lower-case run prefix, so a `sw` filter on the prefix still finds them.
    const Local = `${givenName}.${familyName}`.replace(/[^A-Za-z0-9.]/g, '')
    return {
      userName: `${this.prefix}-u${n}.${Local}@Contoso.example`,
      // Entra's default maps mailNickname to externalId.
      externalId: `${this.prefix}-${local}${n}`,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      email: `${Local}${n}@Contoso.example`,
      title: f.person.jobTitle(),
      department: f.commerce.department(),
      employeeNumber: String(f.number.int({ min: 10000, max: 99999 })),
      mobile: f.phone.number({ style: 'international' }),
      workPhone: f.phone.number({ style: 'international' }),
      street: f.location.streetAddress(),
      locality: f.location.city(),
      region: f.location.state(),
      postalCode: f.location.zipCode(),
      country: f.location.countryCode(),
      preferredLanguage: LANGUAGE_TAGS[n % LANGUAGE_TAGS.length]!,
      ordinal: n,
    }
  }

  groupName(): string {
    return `${this.prefix}-g${++this.counter} ${this.faker.commerce.department()} team`
  }

  /** A run-prefixed stand-in for a group's objectId (Entra's group externalId is a GUID): cleanup finds it by the prefix. */
  groupExternalId(): string {
    return `${this.prefix}-${this.guid()}`
  }

  /** A group's displayName and externalId, both run-prefixed (Entra's externalId is the group's object id, a GUID). */
  group(): { displayName: string; externalId: string } {
    const displayName = this.groupName()
    return { displayName, externalId: `${this.prefix}-${this.guid()}` }
  }

  word(): string {
    return this.faker.word.sample()
  }
}
