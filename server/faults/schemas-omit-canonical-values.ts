// Microsoft's validation builds emails[type eq "work"].value from the canonicalValues of emails.type: without them the mapped path is "missing".
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

type Attr = { name: string; subAttributes?: Attr[]; canonicalValues?: unknown }

export default defineFault({
  id: 'schemas-omit-canonical-values',
  summary: '/Schemas declares no canonicalValues on the type sub-attributes of emails, phoneNumbers and addresses.',
  breaks: ['schema-discoverability/declares-type-canonical-values'],
  rewriteResponse: (req, res) => {
    if (req.path !== '/Schemas' || res.status !== 200) return res
    const strip = (a: Attr): Attr => ({
      ...a,
      subAttributes: a.subAttributes?.map(({ canonicalValues: _drop, ...s }) => s),
    })
    const resources = (bodyOf(res).Resources as { attributes: Attr[] }[]).map((s) => ({
      ...s,
      attributes: s.attributes.map((a) => (a.subAttributes ? strip(a) : a)),
    }))
    return { ...res, body: { ...bodyOf(res), Resources: resources } }
  },
})
