// Entra's consequences that several group flows' claims name (a duplicate group, a refused PATCH, membership that
// drifts or is lost), written once.
import type { EntraConsequence } from '../../helpers/model/check-info.ts'

export const DUPLICATE_GROUP: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse / DuplicateTargetEntries',
  effect:
    'Entra matches groups on displayName; with two groups of one name its match query returns both and the group cannot be provisioned.',
}

export const PATCH_REFUSED: EntraConsequence = {
  code: 'SystemForCrossDomainIdentityManagementBadRequest (the endpoint’s error is shown verbatim)',
  effect: 'The group update fails and is retried every cycle; repeated failures can quarantine the job.',
  presumes: 'refused',
}

export const MEMBERSHIP_DRIFT: EntraConsequence = {
  code: 'none: Entra logs the update as a success',
  effect: 'The members in the app differ from Entra and Entra never notices, because it does not read members back.',
  presumes: 'accepted',
}

export const MEMBERS_LOST: EntraConsequence = {
  code: 'none: Entra logs the removal as a success',
  effect:
    'Removing one user empties the group in the app: every other member silently loses access, and Entra never re-adds them.',
}
