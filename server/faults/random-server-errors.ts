// A server that fails at random under load, as a SQLite-backed endpoint does when four flows write at once
// ("database is locked"): one request in twenty answers 500 before it is carried out, whatever it was.
// The suite must report this as one cause (run/no-server-errors), the same on every run, and never as a defect of the
// feature a 500 happened to hit: those checks are blocked by it.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

/** One request in this many fails. */
const ONE_IN = 20

export default defineFault({
  id: 'random-server-errors',
  summary: 'One request in 20, chosen at random, answers 500 ("database is locked") without being carried out.',
  breaks: ['run/no-server-errors'],
  intercept: () => (Math.random() < 1 / ONE_IN ? scimError(500, 'database is locked') : undefined),
})
