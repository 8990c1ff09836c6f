// An app without a job-title field drops it silently: Entra sees the title missing and re-sends it every cycle.
import { defineFault } from './define-fault.ts'
import { mapUsers } from './match.ts'

export default defineFault({
  id: 'title-not-stored',
  summary: 'The title attribute is accepted but never stored or returned.',
  breaks: ['create-user/echoes-attributes', 'update-user-single-valued/updates-title'],
  rewriteResponse: (_req, res) => mapUsers(res, ({ title: _title, ...rest }) => rest),
})
