// The run as a whole: a claim no single flow can judge. Every 5xx and dropped connection of the run is one cause,
// judged here once, so a server that errors at random gives the same verdict on every run (the checks that needed
// the lost answer are blocked by this one, never failed with a fix of their own).
import { defineChecks } from '../../helpers/model/check-info.ts'
import { SERVER_ERROR } from '../../helpers/suite/consequences.ts'
import { SERVER_ERRORS_CHECK } from '../../helpers/model/check-keys.ts'
import { entra, rfc7644 } from '../../helpers/model/refs.ts'

export const runChecks = defineChecks({
  [SERVER_ERRORS_CHECK]: {
    title:
      'Every request gets an answer: no 5xx (501 aside) and no dropped connection, after one re-send of a GET or DELETE',
    severity: 'entra',
    evidence: {
      says: 'Entra retries an object whose request got a 5xx or no answer in later cycles and counts each failure toward quarantine (the error-code table: InternalServerError, Timeout).',
      sources: [entra('error-codes'), entra('quarantine')],
    },
    refs: [entra('error-codes'), entra('quarantine'), rfc7644('3.12')],
    why: 'Entra retries an object whose request got a 5xx or no answer in later cycles, and the failures count toward quarantine.',
    entra: SERVER_ERROR,
    fix: "Find the server errors in the endpoint's logs (the requests are listed here) and answer every request Entra sends; a database that locks under four concurrent requests is the commonest cause.",
  },
} as const)
