// Hides Node's fetch globals: imported just before axios (axios.ts), a module of its own so that it runs first.
import { hideFetchGlobals } from './fetch-globals.ts'

hideFetchGlobals()
