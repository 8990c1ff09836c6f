// A server that knows only the core and enterprise schemas silently drops a custom extension's attributes
// (urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>), though its /Schemas describes them: the user is
// created and updated, and the custom values never come back. Shown with a profile that maps custom attributes.
import { defineFault } from './define-fault.ts'
import { isUserById, mapUsers } from './match.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const isCustomExtension = (key: string): boolean =>
  /^urn:ietf:params:scim:schemas:extension:/i.test(key) && key.toLowerCase() !== ENTERPRISE.toLowerCase()

export default defineFault({
  id: 'custom-extension-attribute-dropped',
  summary: 'Users never carry custom extension attributes: POST and PATCH answer success, and no answer returns them.',
  profile: 'entra-extended',
  breaks: ['create-user/echoes-attributes', 'update-user-mapped-attributes/updates-every-attribute'],
  rewriteResponse: (req, res) =>
    req.path === '/Users' || isUserById(req)
      ? mapUsers(res, (user) => Object.fromEntries(Object.entries(user).filter(([k]) => !isCustomExtension(k))))
      : res,
})
