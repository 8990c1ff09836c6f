// What a run created and has not yet deleted, and the deleting of it: each flow's cleanup and the run's final sweep.
import { isServerError } from './expect-scim.ts'
import type { ResourceType } from './flow.ts'
import type { LeftoverResource } from '../model/result.ts'
import type { ScimClient } from '../client/scim-client.ts'

export interface Tracked {
  type: ResourceType
  id: string
  name: string
}

/** Every resource the run created and has not yet deleted, across flows: what Ctrl-C must clean up. */
export class RunResources {
  private readonly live = new Map<string, Tracked>()
  add(t: Tracked): void {
    this.live.set(`${t.type}/${t.id}`, t)
  }
  forget(type: ResourceType, id: string): void {
    this.live.delete(`${type}/${id}`)
  }
  get pending(): Tracked[] {
    return [...this.live.values()]
  }
}

/** Extra attempts at a DELETE that got a server error or no answer during cleanup. */
const CLEANUP_RETRIES = 3

/** Deletes resources newest first (users before the groups they belong to is not needed: members are ids). Only ids
 * this run created are ever passed here. */
export async function deleteResources(
  client: ScimClient,
  items: Tracked[],
  resources: RunResources,
  parallel = 1,
): Promise<LeftoverResource[]> {
  const found: (LeftoverResource | undefined)[] = []
  const queue = [...items].reverse()
  let next = 0
  // Several DELETEs in flight only where nothing else of the run is (a flow that runs alone, the final sweep): over a
  // network each one is a round trip, and a flow's cleanup is the run's tail.
  const worker = async (): Promise<void> => {
    for (let i = next++; i < queue.length; i = next++) found[i] = await deleteOne(client, queue[i]!, resources)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, queue.length)) }, worker))
  return found.filter((l): l is LeftoverResource => l !== undefined)
}

async function deleteOne(
  client: ScimClient,
  t: Tracked,
  resources: RunResources,
): Promise<LeftoverResource | undefined> {
  const path = `/${t.type === 'User' ? 'Users' : 'Groups'}/${encodeURIComponent(t.id)}`
  let ex = await client.delete(path)
  // Cleanup must not leave a resource behind because of one unlucky 5xx: a DELETE is safe to repeat, so it is
  // tried a few more times (the client already re-sent it once) before the resource is reported as left over.
  for (let attempt = 1; attempt <= CLEANUP_RETRIES && isServerError(ex); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    ex = await client.delete(path)
  }
  const status = ex.response?.status
  if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) {
    resources.forget(t.type, t.id)
    return undefined
  }
  return { ...t, reason: ex.response ? `DELETE answered ${status}` : `DELETE failed: ${ex.error}` }
}
