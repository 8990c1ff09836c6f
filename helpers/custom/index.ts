// `scim-preflight/checks`: what a vendor's file of checks imports (the CLI's --checks and the vitest entry alike).
// It never imports vitest.
export { defineCheck, defineFault, defineFlow } from './define.ts'
export type {
  CheckClaim,
  CustomCheckDefinition,
  CustomContext,
  CustomFaultDefinition,
  CustomFlowDefinition,
  Source,
} from './define.ts'
export { entra as microsoft, rfc7643, rfc7644 } from '../model/refs.ts'
export type { Exchange } from '../model/exchange.ts'
