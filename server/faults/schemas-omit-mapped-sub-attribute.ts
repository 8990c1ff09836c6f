// Microsoft's validation flattens /Schemas to paths: a missing sub-attribute makes addresses[type eq "work"].locality undiscoverable.
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

type Attr = { name: string; subAttributes?: Attr[] }

export default defineFault({
  id: 'schemas-omit-mapped-sub-attribute',
  summary: '/Schemas describes addresses without its locality sub-attribute.',
  breaks: ['discovery/schemas-describe-mapped-attributes'],
  rewriteResponse: (req, res) => {
    if (req.path !== '/Schemas' || res.status !== 200) return res
    const strip = (a: Attr): Attr =>
      a.name === 'addresses' ? { ...a, subAttributes: a.subAttributes?.filter((s) => s.name !== 'locality') } : a
    const resources = (bodyOf(res).Resources as { attributes: Attr[] }[]).map((s) => ({
      ...s,
      attributes: s.attributes.map(strip),
    }))
    return { ...res, body: { ...bodyOf(res), Resources: resources } }
  },
})
