// Checks of what only a mapping that adds it sends: skipped, saying why, under Entra's default mapping (one matching
// attribute, no group attribute added); profiles/entra-extended.json maps each, so a clean run with it judges them.
import type { CheckId } from './catalog.ts'

export const PROFILE_ONLY: readonly string[] = [
  'create-user/finds-user-by-each-matching-attribute',
  'create-group/stores-mapped-attributes',
  'update-group-non-member-attributes/updates-mapped-attributes',
] satisfies readonly CheckId[]
