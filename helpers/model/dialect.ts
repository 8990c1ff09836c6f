// Entra's two PATCH dialects (Microsoft "Known issues and resolutions with SCIM 2.0 protocol compliance"):
// `legacy` ("Replace", one operation per attribute, "False") and the `aadOptscim062020` feature flag.
export type Dialect = 'legacy' | 'aadOptscim062020'
export const DIALECTS: readonly Dialect[] = ['legacy', 'aadOptscim062020']
