// A SCIM endpoint built the way SCIMMY's documentation shows (scimmy + scimmy-routers on express), with the
// in-memory store a vendor would write for its ingress/egress/degress handlers. Started on 127.0.0.1.
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import express from 'express'
import SCIMMY from 'scimmy'
import SCIMMYRouters from 'scimmy-routers'

type Stored = Record<string, unknown> & { id: string }

export interface ScimmyServer {
  url: string
  token: string
  close(): Promise<void>
}

/** One in-memory collection: what a vendor's database layer gives SCIMMY's handlers. */
function collection(kind: 'User' | 'Group', unique: string) {
  const items = new Map<string, Stored>()
  const plain = (instance: unknown): Record<string, unknown> =>
    JSON.parse(JSON.stringify(instance)) as Record<string, unknown>
  return {
    ingress: (resource: SCIMMY.Types.Resource, instance: unknown): Stored => {
      const data = plain(instance)
      const clash = [...items.values()].find(
        (i) => i.id !== resource.id && String(i[unique]).toLowerCase() === String(data[unique]).toLowerCase(),
      )
      if (clash) throw new SCIMMY.Types.Error(409, 'uniqueness', `${unique} "${String(data[unique])}" is already taken`)
      const now = new Date().toISOString()
      if (resource.id) {
        const old = items.get(resource.id)
        if (!old) throw new SCIMMY.Types.Error(404, null!, `${kind} ${resource.id} not found`)
        const next = { ...data, id: old.id, meta: { ...(old.meta as object), lastModified: now } }
        items.set(old.id, next)
        return next
      }
      const id = randomUUID()
      const created = { ...data, id, meta: { resourceType: kind, created: now, lastModified: now } }
      items.set(id, created)
      return created
    },
    egress: (resource: SCIMMY.Types.Resource): Stored | Stored[] => {
      if (resource.id) {
        const one = items.get(resource.id)
        if (!one) throw new SCIMMY.Types.Error(404, null!, `${kind} ${resource.id} not found`)
        return one
      }
      const all = [...items.values()]
      return resource.filter ? (resource.filter.match(all) as Stored[]) : all
    },
    degress: (resource: SCIMMY.Types.Resource): void => {
      if (!resource.id || !items.delete(resource.id))
        throw new SCIMMY.Types.Error(404, null!, `${kind} ${resource.id} not found`)
    },
  }
}

export async function startScimmyServer(token: string): Promise<ScimmyServer> {
  const users = collection('User', 'userName')
  const groups = collection('Group', 'displayName')
  // SCIMMY's handler types name its schema classes; this store hands back the plain JSON it keeps, which SCIMMY accepts.
  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.ingress(users.ingress as never)
      .egress(users.egress as never)
      .degress(users.degress),
    { extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }] },
  )
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.ingress(groups.ingress as never)
      .egress(groups.egress as never)
      .degress(groups.degress),
  )

  const app = express()
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (request) => {
        if (request.header('Authorization') !== `Bearer ${token}`) throw new Error('A valid bearer token is required')
        return 'entra'
      },
    }),
  )
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
