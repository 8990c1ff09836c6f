// Requests Microsoft's gallery validation (the Logic App template's SCIM and group tests) sends that no Entra flow
// of the suite sends: checked at the Gallery level, because only the validation run sends them.
import { defineChecks } from '../../helpers/model/check-info.ts'
import type { Ref } from '../../helpers/model/refs.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** A workflow file of Microsoft's validation Logic App template (AzureAD/SCIMReferenceCode). */
const logicAppWorkflow = (file: string, test: string): Ref => ({
  label: `Microsoft SCIM validation Logic App template — ${file} (${test})`,
  url: `https://github.com/AzureAD/SCIMReferenceCode/blob/HEAD/Microsoft.SCIM.LogicAppValidationTemplate/StandardLogicApp/${file}`,
})

/** Microsoft's troubleshooting article for the validation run. */
const troubleshootValidation: Ref = {
  label: 'Microsoft: Troubleshoot user provisioning validation for the Microsoft Entra App Gallery',
  url: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/troubleshoot-user-provisioning-validation',
}

export const schemaDiscoverabilityChecks = defineChecks({
  'schema-discoverability/declares-type-canonical-values': {
    title:
      '/Schemas lists, as canonicalValues of the type sub-attribute, every type a mapped attribute filters on (emails[type eq "work"].value needs "work" on emails.type)',
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation flattens /Schemas to paths and builds x[type eq "t"].sub only from the canonicalValues of x.type; without them a mapped x[type eq "work"].sub is reported missing. The provisioning service itself does not read /Schemas.',
      sources: [
        logicAppWorkflow('SCIMTests_Workflow.json', 'Schema_Discoverability_Test'),
        troubleshootValidation,
        msValidation('Schema_Discoverability_Test'),
      ],
    },
    refs: [rfc7643('7'), entra('tutorial', 'schemas-schema-discovery')],
    why: 'Schema_Discoverability_Test fails with "Missing user attrs" for every typed path whose type is not a canonical value.',
    entra: GALLERY_ONLY,
    fix: 'Declare canonicalValues on the type sub-attribute of emails, phoneNumbers, addresses (and every other typed multi-valued attribute the app maps), including each type the mapping uses, e.g. "work" and "mobile".',
  },
  'schema-discoverability/describes-external-id': {
    title:
      '/Schemas lists externalId in the User schema (when the mapping writes it) and in the Group schema (when groups are provisioned)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation counts as missing every target attribute of the app (all but id) that its flattened /Schemas lacks; RFC 7643 §3.1 makes externalId a common attribute outside schema definitions, so servers that follow it to the letter fail Schema_Discoverability_Test. Entra itself does not read /Schemas.",
      sources: [logicAppWorkflow('SCIMTests_Workflow.json', 'Schema_Discoverability_Test'), troubleshootValidation],
    },
    refs: [rfc7643('3.1'), rfc7643('7')],
    why: 'Schema_Discoverability_Test fails with "Missing user attrs: [externalid]" (or group attrs) though externalId works.',
    entra: GALLERY_ONLY,
    fix: 'List externalId (type string, caseExact true) among the attributes of the User and Group schemas in /Schemas; RFC 7643 allows describing it there.',
  },
})

export const validationGroupChecks = defineChecks({
  'validation-groups/finds-name-with-parentheses': {
    title:
      "A displayName filter finds a group whose name holds parentheses, as Microsoft's validation names it (LACreateGroup-(…))",
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation creates groups named LACreateGroup-(<8 hex>) and finds them with GET /Groups?filter=displayName eq "…", the parentheses sent raw; Entra\'s own group names rarely hold them.',
      sources: [logicAppWorkflow('GroupTests_Workflow.json', 'Create_Group_Test'), msValidation('Create_Group_Test')],
    },
    refs: [rfc7644('3.4.2.2')],
    why: 'A filter parser that reads "(" inside a quoted value as grouping answers 400 or finds nothing, and Create_Group_Test fails.',
    entra: GALLERY_ONLY,
    fix: "Parse the filter's quoted value as a string: parentheses, brackets and quotes escaped with a backslash belong to the value, not to the filter grammar.",
  },
  'validation-groups/filter-lists-members': {
    title: 'GET /Groups?filter=displayName eq "…" without excludedAttributes lists the group\'s members',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation reads membership from Resources[0].members of the displayName filter response (no excludedAttributes); Entra itself always excludes members.",
      sources: [
        logicAppWorkflow('GroupTests_Workflow.json', 'Group_Update_Add_Member_Test'),
        msValidation('Group_Update_Add_Member_Test'),
      ],
    },
    refs: [rfc7643('4.2'), rfc7644('3.4.2')],
    why: 'A server that leaves members out of filtered lists fails Group_Update_Add_Member_Test, though the member was added.',
    entra: GALLERY_ONLY,
    fix: 'Return "members" (value and display of each member) in group resources of a filtered GET /Groups unless excludedAttributes=members is asked for.',
  },
})

/** Microsoft's SCIM Validator tutorial: value expressions and its known issues. */
const validatorTutorial: Ref = {
  label: 'Microsoft: Tutorial: Validate a SCIM endpoint (SCIM Validator)',
  url: 'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/scim-validator-tutorial',
}

export const validationBodyChecks = defineChecks({
  'validation-bodies/accepts-logic-app-user-body': {
    title:
      'POST /Users with the validation Logic App\'s own user body (every mapped attribute with its default values: "SCIM Test User", +1-555-xxxx phones, en-US, Test-<attribute>-<hex>) creates the user, twice with the same body',
    severity: 'gallery',
    evidence: {
      says: "The Logic App's SCIM tests post scimUserBody, built by its Initialization workflow: every target attribute but id, roles and references, with booleans true and, without a configured value, displayName \"SCIM Test User\", lasctest<hex>@<domain> emails, +1-555-xxxx phones, en-US, America/Los_Angeles and Test-<leaf>-<hex>; typed paths as arrays of {type, primary, value} with the first primary. Several users get the same body (pagination creates up to 11). Entra's engine sends the directory's values instead.",
      sources: [
        logicAppWorkflow('Initialization_Workflow.json', 'scimUserBody'),
        logicAppWorkflow('SCIMTests_Workflow.json', 'SCIM_User_Create_Test'),
        msValidation('SCIM_User_Create_Test'),
      ],
    },
    refs: [rfc7643('4.1'), rfc7644('3.3')],
    why: 'SCIM_User_Create_Test fails with "FAILED - Action: SCIM_Direct_Create_User - HTTP 400" (and the null-update, update, pagination and manager tests cannot create their users), though Entra\'s own creates work.',
    entra: GALLERY_ONLY,
    fix: 'Accept the default values of the validation (phone numbers with dashes such as +1-555-0123, the same displayName on several users, Test-<attribute>-<hex> strings), or give the Logic App values the endpoint accepts in scimTargetUserValues and defaultUserProperties.',
  },
  'validation-bodies/accepts-validator-random-values': {
    title:
      "POST /Users with random strings in every string attribute /Schemas declares without canonicalValues (as Microsoft's SCIM Validator fills them) creates the user",
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator discovers the attributes from /Schemas and fills each with a value expression such as {%generateRandomString N%}; its Create a new User test fails, and most later tests with it, when the endpoint refuses one. An attribute the endpoint restricts without declaring canonicalValues cannot be told apart from a free string. Time zones, language tags and references are left out: RFC 7643 gives them a format, and random time zones are a known issue Microsoft lists.",
      sources: [
        validatorTutorial,
        {
          label: 'pranems/SCIMServer: SCIM Validator runs, request bodies (third party)',
          url: 'https://github.com/pranems/SCIMServer/blob/HEAD/docs/archive/SCIM_VALIDATOR_FALSE_POSITIVES_REPORT.md',
        },
      ],
    },
    refs: [rfc7643('7'), rfc7643('2.3.1')],
    why: "The SCIM Validator's Create a new User fails (SFComplianceFailed), and the tests that need that user fail after it.",
    entra: GALLERY_ONLY,
    fix: "Accept any string in attributes /Schemas declares as free strings; for an attribute the endpoint restricts to a list, declare the list as canonicalValues in /Schemas and give the Validator one of those values (edit the attribute's value in its default-attributes view).",
  },
})
