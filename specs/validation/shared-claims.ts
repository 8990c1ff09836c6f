// What the claims of both validation flows cite, written once: a workflow file of Microsoft's validation Logic App.
import type { Ref } from '../../helpers/model/refs.ts'

/** A workflow file of Microsoft's validation Logic App template (AzureAD/SCIMReferenceCode). */
export const logicAppWorkflow = (file: string, test: string): Ref => ({
  label: `Microsoft SCIM validation Logic App template — ${file} (${test})`,
  url: `https://github.com/AzureAD/SCIMReferenceCode/blob/HEAD/Microsoft.SCIM.LogicAppValidationTemplate/StandardLogicApp/${file}`,
})
