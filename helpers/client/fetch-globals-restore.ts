// Puts Node's fetch globals back: imported just after axios (axios.ts).
import { restoreFetchGlobals } from './fetch-globals.ts'

restoreFetchGlobals()
