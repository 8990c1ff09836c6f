// A users-only server with no /Groups at all (snipe-it's quarantine, grokability/snipe-it#11913).
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'groups-endpoint-missing',
  summary: 'There is no /Groups endpoint: every request to it answers 404.',
  // Every group flow starts by creating a group, so the flows after Create Group stop there (skipped, not failed).
  breaks: [
    'test-connection/groups-filter-responds-200',
    'create-group/query-finds-nothing',
    'create-group/responds-201',
  ],
  intercept: (req) =>
    req.path === '/Groups' || req.path.startsWith('/Groups/') ? scimError(404, 'Not found') : undefined,
})
