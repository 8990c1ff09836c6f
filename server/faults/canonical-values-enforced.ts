// A server that allows only the values its /Schemas declares (RFC 7643 §7 canonicalValues) and refuses any other with
// 400: a tenant provisioning to it holds only those values, so Entra sends only those. Breaks nothing: a run that sends
// the server's declared values, as Entra would, stays green; one that sent values of its own would fail falsely.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf, isCreateUser, isPatchUser, patchTargets } from './match.ts'

const LANGUAGES = ['de-DE', 'fr-FR', 'nl-NL']
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'

type Attr = { name: string; canonicalValues?: unknown }

const refused = (value: unknown): boolean => typeof value === 'string' && !LANGUAGES.includes(value)

export default defineFault({
  id: 'canonical-values-enforced',
  summary: `/Schemas declares canonicalValues ${LANGUAGES.join(', ')} on preferredLanguage, and POST and PATCH refuse any other value (400 invalidValue).`,
  breaks: [],
  intercept: (req) => {
    const sent = isCreateUser(req)
      ? [(req.body as { preferredLanguage?: unknown } | undefined)?.preferredLanguage]
      : isPatchUser(req)
        ? patchTargets(req)
            .filter((t) => /^(urn:ietf:params:scim:schemas:core:2\.0:User:)?preferredLanguage$/i.test(t.path))
            .map((t) => t.value)
        : []
    const wrong = sent.find(refused)
    return wrong === undefined
      ? undefined
      : scimError(400, `preferredLanguage must be one of ${LANGUAGES.join(', ')}, got ${String(wrong)}`, 'invalidValue')
  },
  rewriteResponse: (req, res) => {
    if (!req.path.startsWith('/Schemas') || res.status !== 200) return res
    const declare = (s: { id?: unknown; attributes?: Attr[] }) =>
      s.id === CORE_USER && Array.isArray(s.attributes)
        ? {
            ...s,
            attributes: s.attributes.map((a) =>
              a.name === 'preferredLanguage' ? { ...a, canonicalValues: LANGUAGES } : a,
            ),
          }
        : s
    const body = bodyOf(res)
    return Array.isArray(body.Resources)
      ? { ...res, body: { ...body, Resources: (body.Resources as Record<string, unknown>[]).map(declare) } }
      : { ...res, body: declare(body) }
  },
})
