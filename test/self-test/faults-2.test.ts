// The second half of the fault self-test (prove-faults.ts); faults.test.ts runs the first half alongside.
import { proveFaults } from './prove-faults.ts'

proveFaults(1, 2)
