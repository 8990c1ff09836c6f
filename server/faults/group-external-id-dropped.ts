import { defineFault } from './define-fault.ts'
import { mapGroups } from './match.ts'

export default defineFault({
  id: 'group-external-id-dropped',
  summary: 'Groups are returned without the externalId Entra sent (its objectId of the group).',
  breaks: [
    'create-group/echoes-display-name-and-external-id',
    'get-group/returns-the-group',
    'update-group-non-member-attributes/replaces-external-id',
  ],
  rewriteResponse: (_req, res) => mapGroups(res, ({ externalId: _dropped, ...group }) => group),
})
