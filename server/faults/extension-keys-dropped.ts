// A path-less replace or add (aadOptscim062020 folds every attribute into one) is applied key by key, but keys under the
// enterprise extension are dropped: the URN-qualified key `urn:…:enterprise:2.0:User:department` and the nested
// `{"urn:…:enterprise:2.0:User": {…}}` alike. Core keys, and extension attributes sent with a path, are applied.
import { defineFault } from './define-fault.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user'
const underEnterprise = (key: string): boolean =>
  key.toLowerCase() === ENTERPRISE || key.toLowerCase().startsWith(`${ENTERPRISE}:`)

export default defineFault({
  id: 'extension-keys-dropped',
  summary:
    'A path-less replace or add drops its enterprise-extension keys (department, employeeNumber, manager…) and answers 200; core keys are applied.',
  dialects: ['aadOptscim062020'],
  breaks: [
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-multi-valued/replaces-department',
    'update-user-multi-valued/replaces-employee-number',
    'update-user-pathless-add/applies-dotted-and-urn-keys',
  ],
  policy: {
    preparePatch: (ops) =>
      ops.map((o) =>
        o.path || !o.value || typeof o.value !== 'object' || Array.isArray(o.value)
          ? o
          : { ...o, value: Object.fromEntries(Object.entries(o.value).filter(([k]) => !underEnterprise(k))) },
      ),
  },
})
