// A PATCH handler that knows the path-less replace Microsoft documents but skips a path-less add (snipe-it #19095
// before its fix): 200, and the values Entra added are never stored.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'pathless-add-dropped',
  summary: 'A path-less add (dotted and URN keys) is answered 200 and ignored.',
  dialects: ['aadOptscim062020'],
  breaks: ['update-user-pathless-add/applies-dotted-and-urn-keys'],
  policy: { preparePatch: (ops) => ops.filter((o) => !(o.op === 'add' && !o.path)) },
})
