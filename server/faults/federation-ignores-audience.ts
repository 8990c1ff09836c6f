import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-ignores-audience',
  summary:
    "The token endpoint does not check the client assertion's aud: an assertion meant for another application gets a token.",
  mode: 'federation',
  breaks: ['authentication/federation-refuses-wrong-audience'],
  policy: { checkAssertionAudience: false },
})
