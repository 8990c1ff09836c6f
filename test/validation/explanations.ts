// Explanations of CONSTRUCTED results (constructed-results.ts) that the explain report tests render: a defect with
// an optional WARNING beside it (its result string hostile), a run broken by its setup, a Validator false positive.
import { explainResult, type Explanation } from '../../helpers/validation/explain.ts'
import { readValidationResult } from '../../helpers/validation/read-result.ts'
import { finalTestResults, validationResultFile, validatorResults } from './constructed-results.ts'

export const HOSTILE = 'FAILED - Action: SCIM_Patch_Null_Update <script>alert(1)</script> | `x` ]]>'

const explain = (json: unknown, name = 'Final_TestResults.json'): Explanation =>
  explainResult(readValidationResult(JSON.stringify(json), name), name)

/** A defect, an optional WARNING and (in the Validator file) a false positive: every group but setup. */
export const mixed = (): Explanation =>
  explain(
    finalTestResults({
      SCIM_Null_Update_Test: { testResult: HOSTILE },
      Delete_Group_Test: { testResult: 'WARNING - [Delete Phase] Failed Action: Delete_Step4_Query_Group_By_Id' },
    }),
  )
export const brokenSetup = (): Explanation =>
  explain(
    validationResultFile(
      finalTestResults({
        SCIM_User_Create_Test: { testResult: 'FAILED - Action: SCIM_Direct_Create_User - HTTP 404.' },
      }),
      { scimEndpoint: 'https://api.example.com/scim/v2?aadOptscim062020' },
    ),
    'validation-result-08584400000000000001.json',
  )
export const falsePositive = (): Explanation =>
  explain(
    validatorResults({ 'Create a new User': 'Attribute password is missing from the response' }),
    'scim-results.json',
  )
