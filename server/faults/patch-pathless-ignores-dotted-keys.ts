// SCIM-SDK ignored `name.givenName` as a key of aadOptscim062020's path-less replace (scim-for-keycloak #26).
import { defineFault } from './define-fault.ts'

const dotted = (key: string): boolean => key.includes('.') && !key.startsWith('urn:')

export default defineFault({
  id: 'patch-pathless-ignores-dotted-keys',
  summary: 'A path-less replace ignores dotted keys such as "name.familyName".',
  dialects: ['aadOptscim062020'],
  breaks: [
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/replaces-family-name',
    'update-user-pathless-add/applies-dotted-and-urn-keys',
  ],
  policy: {
    preparePatch: (ops) =>
      ops.map((o) =>
        o.path || !o.value || typeof o.value !== 'object'
          ? o
          : { ...o, value: Object.fromEntries(Object.entries(o.value).filter(([k]) => !dotted(k))) },
      ),
  },
})
