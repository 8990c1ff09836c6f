// Worker entry for server/thread.ts: worker threads do not inherit tsx's loader, so register it here.
import { register } from 'tsx/esm/api'

register()
await import('./thread.ts')
