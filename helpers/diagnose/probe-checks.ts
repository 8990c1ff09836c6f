// Checks only `diagnose` runs: read-only questions about the live endpoint that the conformance flows answer with
// data they create themselves. Each names the catalog check that reproduces the problem (Microsoft's SCIM tutorial, "Get User by query", "Get Group").
import { defineChecks } from '../model/check-info.ts'
import {
  BLOCKED_BY_PROXY,
  DUPLICATE_TARGET,
  MEMBERS_IN_RESPONSE,
  SERVICE_INCOMPATIBLE,
  UNPARSEABLE,
} from '../suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../model/refs.ts'

export const probeChecks = defineChecks({
  'diagnose/answers-without-user-agent': {
    title: 'The Test Connection query gets the same answer without a User-Agent header as with one',
    severity: 'entra',
    evidence: {
      says: "Entra's GET carries no User-Agent; a WAF that required one answered 403 and failed Test Connection.",
      sources: [CAPTURES.userAgent, CAPTURES.acceptHeader],
    },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'general')],
    why: 'Entra sends neither User-Agent nor Accept; WAFs and CDNs that require them answer Entra with an HTML 403.',
    entra: BLOCKED_BY_PROXY,
    fix: 'Let requests without User-Agent and Accept through the WAF or proxy in front of the endpoint (or allow the AzureActiveDirectory service tag).',
  },
  'diagnose/user-lookup-finds-one': {
    title: 'The matching-attribute query for the user named with --user finds exactly one user',
    severity: 'entra',
    evidence: {
      says: 'Entra matches every in-scope user with this query each cycle; no match creates a duplicate, two stop it (DuplicateTargetEntries).',
      sources: [entra('tutorial', 'get-user-by-query'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` on the matching attribute and return only the resources that match it.',
  },
  'diagnose/user-lookup-returns-active-boolean': {
    title: 'That user carries "active" as a JSON boolean',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator fails a user answer without active; the provisioning service is not documented to fail on it.",
      sources: [entra('scim-validator'), CAPTURES.scimServer],
    },
    refs: [rfc7643('4.1.1'), entra('tutorial', 'disable-user')],
    why: 'Entra disables users by setting active to false and reads it back; a missing or string value is re-sent or unreadable.',
    entra: UNPARSEABLE,
    fix: 'Return "active": true or false (a JSON boolean) on every user.',
  },
  'diagnose/user-lookup-returns-manager-object': {
    title: 'That user\'s manager, when present, is an object with a "value"',
    severity: 'entra',
    evidence: {
      says: 'A manager Entra could not deserialize failed provisioning with ServiceIncompatible.',
      sources: [CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.3'), entra('compatibility')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return the enterprise extension\'s manager as {"value": "<id>"}, even when Entra sent the id as a plain string.',
  },
  'diagnose/group-query-excludes-members': {
    title: 'A displayName query on /Groups with excludedAttributes=members returns the group without its members',
    severity: 'entra',
    evidence: {
      says: "Entra's group query carries excludedAttributes=members; members in the answer are a named cause of MultipleEntriesInResponse.",
      sources: [entra('tutorial', 'get-group-by-displayname'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group-by-displayname')],
    entra: MEMBERS_IN_RESPONSE,
    fix: 'Honour excludedAttributes=members on /Groups queries and return only the group that matches.',
  },
})

export type ProbeCheckId = keyof typeof probeChecks

/** The catalog check that reproduces each probe's problem, for `npx scim-preflight --only '<id>'`. */
export const PROBE_REPRODUCERS: Record<ProbeCheckId, string> = {
  'diagnose/answers-without-user-agent': 'test-connection/no-accept-header-needed',
  'diagnose/user-lookup-finds-one': 'get-user-by-query/finds-exactly-one',
  'diagnose/user-lookup-returns-active-boolean': 'create-user/response-is-valid-user',
  'diagnose/user-lookup-returns-manager-object': 'create-user/response-is-valid-user',
  'diagnose/group-query-excludes-members': 'get-group/excludes-members',
}
