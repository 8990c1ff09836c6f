// A fault is one named defect of the reference endpoint, declared with the exact checks it breaks, so
// the self-test can prove every check able to fail.
import type { CheckId } from '../../specs/catalog.ts'
import type { Policy } from '../policy.ts'
import type { ServerRequest, ServerResponse } from '../http.ts'

export interface Fault {
  id: string
  /** The wrong behaviour, in one sentence. */
  summary: string
  /** Every check id this defect makes fail (in any dialect). */
  breaks: readonly CheckId[]
  /** Checks the fault breaks only in these dialects (default: whichever it breaks). */
  dialects?: readonly ('legacy' | 'aadOptscim062020')[]
  /** 'oauth': the defect is in client-credentials handling, so the self-test runs it with --client-id/--client-secret;
   * 'federation': also with a generated federation key (--wif-key generate); 'rotation': also with --client-secret-2. */
  mode?: 'oauth' | 'federation' | 'rotation'
  /** The built-in profile the self-test runs the fault with, when the defect shows only for attributes the default profile does not map. */
  profile?: string
  policy?: Partial<Policy>
  /** Answers a request before the routes do (undefined: let the routes answer). */
  intercept?: (req: ServerRequest) => ServerResponse | undefined
  /** Rewrites the routes' answer. */
  rewriteResponse?: (req: ServerRequest, res: ServerResponse) => ServerResponse
}

export const defineFault = (fault: Fault): Fault => fault
