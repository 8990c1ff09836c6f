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

const LEARN = 'https://learn.microsoft.com/en-us/entra/identity'

/** Microsoft documents, by a short name. */
const MS_DOCS = {
  tutorial: { title: 'Develop and plan provisioning for a SCIM endpoint', path: '/app-provisioning/use-scim-to-provision-users-and-groups' },
  compatibility: { title: 'Known issues with SCIM 2.0 protocol compliance', path: '/app-provisioning/application-provisioning-config-problem-scim-compatibility' },
  quarantine: { title: 'Application provisioning in quarantine status', path: '/app-provisioning/application-provisioning-quarantine-status' },
  'how-provisioning-works': { title: 'How application provisioning works', path: '/app-provisioning/how-provisioning-works' },
  'error-codes': { title: 'How to analyze the provisioning logs', path: '/monitoring-health/howto-analyze-provisioning-logs' },
  'gallery-requirements': { title: 'User provisioning requirements for the Microsoft Entra app gallery', path: '/enterprise-apps/app-gallery-user-provisioning-requirements' },
  'attribute-mappings': { title: 'Customize attribute mappings', path: '/app-provisioning/customize-application-attributes' },
  'known-issues': { title: 'Known issues for provisioning', path: '/app-provisioning/known-issues' },
  'scim-validator': { title: 'Validate a SCIM endpoint (SCIM Validator)', path: '/app-provisioning/scim-validator-tutorial' },
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
