// SCIM filters: parsing is scim2-parse-filter's; comparison follows RFC 7643 (caseExact per attribute,
// complex attributes such as members and manager compare on their `value`).
import { parse, Tester, type Filter } from 'scim2-parse-filter'
import { fail } from './http.ts'
import type { Policy } from './policy.ts'

/** Attributes whose string comparison is case-sensitive (RFC 7643 §3.1, §4.1.2). */
const CASE_EXACT = new Set(['id', 'externalid', 'members', 'members.value', 'manager', 'manager.value', '$ref'])

class ScimTester extends Tester {
  constructor(private readonly policy: Policy) {
    super()
  }
  override test(r: unknown, f: Filter): boolean {
    if (f.op === 'eq' || f.op === 'ne') {
      const path = this.attrPath(f.attrPath)
      const last = path.map((p) => p.split(':').pop()!.toLowerCase()).join('.')
      const tail = path[path.length - 1]!.toLowerCase()
      const caseExact = CASE_EXACT.has(last) || CASE_EXACT.has(tail)
      const found = this.attrTest(path, extensionHolding(r, path[0]!) ?? r, (v: unknown) =>
        this.equals(v, f.compValue, caseExact),
      )
      return f.op === 'eq' ? found : !found
    }
    return super.test(r, f)
  }
  private equals(actual: unknown, expected: unknown, caseExact: boolean): boolean {
    // `members eq "id"` reaches the whole array (the library tests arrays only above the last path step).
    if (Array.isArray(actual)) return actual.some((item) => this.equals(item, expected, caseExact))
    if (actual && typeof actual === 'object' && 'value' in actual) actual = (actual as { value: unknown }).value
    if (typeof actual === 'string' && typeof expected === 'string')
      return this.policy.stringEquals(actual, expected, caseExact)
    return actual === expected
  }
}

/**
 * An attribute named without its schema URN that the core schema lacks (`manager eq "…"`, Microsoft's tutorial Example 4)
 * is looked up in the resource's extensions (RFC 7644 §3.10 lets clients leave the URN out where the name is unambiguous).
 */
function extensionHolding(resource: unknown, name: string): unknown {
  if (!resource || typeof resource !== 'object' || name.includes(':')) return undefined
  const r = resource as Record<string, unknown>
  const lower = name.toLowerCase()
  if (Object.keys(r).some((k) => k.toLowerCase() === lower)) return undefined
  return Object.entries(r).find(
    ([k, v]) =>
      k.startsWith('urn:') && v && typeof v === 'object' && Object.keys(v).some((x) => x.toLowerCase() === lower),
  )?.[1]
}

/** A predicate for the filter text, or a 400 invalidFilter answer (RFC 7644 §3.4.2.2). */
export function compileFilter(text: string, policy: Policy): (resource: unknown) => boolean {
  let ast: Filter
  try {
    ast = parse(text)
  } catch (err) {
    fail(400, `The filter could not be parsed: ${(err as Error).message}`, 'invalidFilter')
  }
  const tester = new ScimTester(policy)
  return (resource) => tester.test(resource, ast)
}
