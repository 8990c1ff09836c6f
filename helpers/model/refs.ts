// Citations: every check names the RFC section or Microsoft document that sets its rule. URLs are built only here.

export interface Ref {
  label: string
  url: string
}

export const rfc7643 = (section: string): Ref => ({
  label: `RFC 7643 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc7643#section-${section}`,
})

export const rfc7644 = (section: string): Ref => ({
  label: `RFC 7644 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc7644#section-${section}`,
})

export const rfc6749 = (section: string): Ref => ({
  label: `RFC 6749 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc6749#section-${section}`,
})

export const rfc6750 = (section: string): Ref => ({
  label: `RFC 6750 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc6750#section-${section}`,
})

export const rfc7523 = (section: string): Ref => ({
  label: `RFC 7523 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc7523#section-${section}`,
})

export const rfc8725 = (section: string): Ref => ({
  label: `RFC 8725 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc8725#section-${section}`,
})

const LEARN = 'https://learn.microsoft.com/en-us/entra/identity'

/** Microsoft documents, by a short name. */
const MS_DOCS = {
  tutorial: {
    title: 'Develop and plan provisioning for a SCIM endpoint',
    path: '/app-provisioning/use-scim-to-provision-users-and-groups',
  },
  compatibility: {
    title: 'Known issues with SCIM 2.0 protocol compliance',
    path: '/app-provisioning/application-provisioning-config-problem-scim-compatibility',
  },
  quarantine: {
    title: 'Application provisioning in quarantine status',
    path: '/app-provisioning/application-provisioning-quarantine-status',
  },
  'how-provisioning-works': {
    title: 'How application provisioning works',
    path: '/app-provisioning/how-provisioning-works',
  },
  'error-codes': {
    title: 'How to analyze the provisioning logs',
    path: '/monitoring-health/howto-analyze-provisioning-logs',
  },
  'gallery-requirements': {
    title: 'User provisioning requirements for the Microsoft Entra app gallery',
    path: '/enterprise-apps/app-gallery-user-provisioning-requirements',
  },
  'attribute-mappings': {
    title: 'Customize attribute mappings',
    path: '/app-provisioning/customize-application-attributes',
  },
  'known-issues': { title: 'Known issues for provisioning', path: '/app-provisioning/known-issues' },
  'scim-validator': {
    title: 'Validate a SCIM endpoint (SCIM Validator)',
    path: '/app-provisioning/scim-validator-tutorial',
  },
} as const

export type MsDoc = keyof typeof MS_DOCS

/** A Microsoft Learn document, optionally at a heading anchor (e.g. entra('tutorial', 'create-user')). */
export const entra = (doc: MsDoc, anchor?: string): Ref => {
  const { title, path } = MS_DOCS[doc]
  return {
    label: anchor ? `Microsoft: ${title} — #${anchor}` : `Microsoft: ${title}`,
    url: `${LEARN}${path}${anchor ? `#${anchor}` : ''}`,
  }
}

/** Microsoft's Entra App Gallery validation checklist (AzureAD/SCIMReferenceCode, Entra-AppGallery-AI-Validation-Checklist.md), by item number, e.g. '2.2.6'. */
export const galleryChecklist = (item: string): Ref => ({
  label: `Microsoft: Entra App Gallery validation checklist — ${item}`,
  url: 'https://github.com/AzureAD/SCIMReferenceCode/blob/main/Entra-AppGallery-AI-Validation-Checklist.md#22--scim-authentication-requirements',
})

/** Microsoft's SCIM validation Logic App: its test list and pass criteria (AzureAD/SCIMReferenceCode, SCIM-Validation-Test-Overview.md). */
export const msValidation = (test: string): Ref => ({
  label: `Microsoft SCIM validation — ${test}`,
  url: 'https://github.com/AzureAD/SCIMReferenceCode/blob/HEAD/Microsoft.SCIM.LogicAppValidationTemplate/StandardLogicApp/SCIM-Validation-Test-Overview.md',
})

/** Captured Entra traffic or a Microsoft statement in a public issue or pull request, by its URL. */
export const capture = (label: string, url: string): Ref => ({ label: `Capture: ${label}`, url })

/** Public captures of Entra's traffic, cited as evidence of what Entra sends. */
export const CAPTURES = {
  acceptHeader: capture(
    'MicrosoftDocs/azure-docs #94189 (Test Connection GET without a SCIM Accept header, answered 406)',
    'https://github.com/MicrosoftDocs/azure-docs/issues/94189',
  ),
  userAgent: capture(
    'kortix-ai/suna PR #7297 (Entra omits User-Agent; a WAF answered 403)',
    'https://github.com/kortix-ai/suna/pull/7297',
  ),
  groupsProbe: capture(
    'grokability/snipe-it #11913 (quarantine after a 404 on /Groups)',
    'https://github.com/grokability/snipe-it/issues/11913',
  ),
  cycle: capture(
    'MicrosoftDocs/azure-docs #11784 (a cycle: GET by id, query, POST answered 409, PATCH; manager re-sent every cycle)',
    'https://github.com/MicrosoftDocs/azure-docs/issues/11784',
  ),
  managerString: capture(
    'Captain-P-Goldfish/SCIM-SDK #686 (manager as a bare string on the enterprise URN path)',
    'https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686',
  ),
  managerStringCreate: capture(
    'apache/directory-scimple #1242 (manager sent as a string)',
    'https://github.com/apache/directory-scimple/issues/1242',
  ),
  managerUnreadable: capture(
    'Budibase/budibase #15369 (ServiceIncompatible when the manager shape is wrong)',
    'https://github.com/Budibase/budibase/issues/15369',
  ),
  scimServer: capture(
    'pranems/SCIMServer (Entra compatibility analysis and SCIM Validator traffic)',
    'https://github.com/pranems/SCIMServer',
  ),
  validatorTraffic: capture(
    "pranems/SCIMServer, SCIM Validator gap analysis (the requests Microsoft's SCIM Validator sent, 2026)",
    'https://github.com/pranems/SCIMServer/blob/HEAD/docs/archive/SCIM_VALIDATION_GAP_ANALYSIS.md',
  ),
  activeString: capture(
    'scimmy #86 (Entra unassign sends "value": "false" as a string)',
    'https://github.com/scimmyjs/scimmy/issues/86',
  ),
  removeLowerCase: capture(
    'apache/directory-scimple PR #447 (member removal by value array, lower-case remove)',
    'https://github.com/apache/directory-scimple/pull/447',
  ),
  removeEmptiesGroup: capture(
    "segment-boneyard/segment-docs PR #6726 (Entra's member removal emptied groups)",
    'https://github.com/segment-boneyard/segment-docs/pull/6726',
  ),
  credentialFailure: capture(
    'Broadcom KB 430118 (Test Connection: CredentialValidationFailure on 401)',
    'https://knowledge.broadcom.com/external/article/430118/entra-id-user-provisioning-fails-for-vce.html',
  ),
  tokenExpiry: capture(
    'Microsoft Q&A 4969398 (an expired token quarantines the job with CredentialValidationFailure)',
    'https://learn.microsoft.com/en-us/answers/questions/4969398/',
  ),
  validatorContentType: capture(
    'MicrosoftDocs/azure-docs #104859 (the SCIM Validator aborts on application/json)',
    'https://github.com/MicrosoftDocs/azure-docs/issues/104859',
  ),
} as const

/** Microsoft's Workload Identity Federation guide for SCIM: the token answer Entra reads. */
export const wifGuide: Ref = {
  label: 'Microsoft: Workload Identity Federation for SCIM provisioning',
  url: 'https://github.com/AzureAD/SCIMReferenceCode/blob/main/Workload-Identity-Federation-for-SCIM-Provisioning.md',
}

/** Microsoft Graph, attributeMapping resource: `matchingPriority`, the order in which the provisioning engine tries the
 * matching attributes ("If not found, the attribute with the next matching priority will be used"). */
export const graphMatchingPriority: Ref = {
  label: 'Microsoft Graph: attributeMapping resource (matchingPriority)',
  url: 'https://learn.microsoft.com/en-us/graph/api/resources/attributemapping',
}

/** Microsoft Learn, "Clear attribute values (Preview)": clearing is not supported for outbound provisioning. */
export const clearAttributeValues: Ref = {
  label: 'Microsoft: Clear attribute values (Preview)',
  url: 'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/clear-attribute-values',
}

/**
 * Sources that show only Microsoft's validation (the SCIM Validator, the validation Logic App, the gallery requirements
 * and checklist, traffic of the Validator), never what the provisioning service sends at run time: evidence for the
 * Gallery level, not for "Entra breaks".
 */
export function isValidationSource(ref: Ref): boolean {
  return /SCIM-Validation-Test-Overview|scim-validator-tutorial|pranems\/SCIMServer\/blob\/HEAD\/docs\/archive\/SCIM_VALIDATION|azure-docs\/issues\/104859|Entra-AppGallery-AI-Validation-Checklist|app-gallery-user-provisioning-requirements/.test(
    ref.url,
  )
}

export const isRfcSource = (ref: Ref): boolean => ref.url.startsWith('https://www.rfc-editor.org/')
