// The JWT library flaw: the algorithm is read from the token's own header, and "none" means no signature to check.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-accepts-unsigned-assertion',
  summary: 'The token endpoint honours alg "none": an unsigned client assertion with the right claims gets a token.',
  mode: 'federation',
  breaks: ['authentication/federation-refuses-unsigned-assertion'],
  policy: { assertionAlgorithms: ['RS256', 'none'] },
})
