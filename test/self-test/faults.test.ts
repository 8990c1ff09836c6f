// The first half of the fault self-test (prove-faults.ts); faults-2.test.ts runs the other half alongside.
import { proveFaults } from './prove-faults.ts'

proveFaults(0, 2)
