// RFC 7643 §3.1 read to the letter: externalId is common to every resource, so the schemas leave it out, and Microsoft's validation reports it missing.
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'schemas-omit-external-id',
  summary: '/Schemas lists no externalId attribute in the User and Group schemas.',
  breaks: ['schema-discoverability/describes-external-id'],
  rewriteResponse: (req, res) => {
    if (req.path !== '/Schemas' || res.status !== 200) return res
    const resources = (bodyOf(res).Resources as { attributes: { name: string }[] }[]).map((s) => ({
      ...s,
      attributes: s.attributes.filter((a) => a.name !== 'externalId'),
    }))
    return { ...res, body: { ...bodyOf(res), Resources: resources } }
  },
})
