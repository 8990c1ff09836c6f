import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-accepts-expired-assertion',
  summary:
    "The token endpoint verifies the client assertion's signature but not its exp: an expired assertion still gets a token.",
  mode: 'federation',
  breaks: ['authentication/federation-refuses-expired-assertion'],
  policy: { honourAssertionExpiry: false },
})
