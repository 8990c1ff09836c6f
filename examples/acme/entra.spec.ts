// The whole Entra suite against SCIM_BASE_URL/SCIM_TOKEN (or .env; the built-in reference endpoint when none is set),
// with Acme's own checks reported beside the built-in ones.
import { entraSuite } from 'scim-preflight/vitest'
import * as acme from './acme-checks.ts'

entraSuite({ checks: acme })
