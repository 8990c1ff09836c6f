// A flow proves the claims written at the top of its own file: checking an id it does not claim fails tsc, and the
// catalog (catalog.ts) is read from the flows, so a claim and its proof cannot drift apart. The definer itself is the
// runner's (helpers/suite/flow.ts), shared with diagnose's probe flow; the flows of specs/ import it from here.
export { defineFlow, type ClaimedId, type Claims, type ClaimingFlow } from '../helpers/suite/flow.ts'
