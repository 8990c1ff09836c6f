// Acme's checks can fail: each Acme fault breaks exactly the checks it declares, against the reference endpoint.
import { proveChecks } from 'scim-preflight/vitest'
import * as acme from './acme-checks.ts'
import * as faults from './acme-faults.ts'

proveChecks({ checks: acme, faults })
