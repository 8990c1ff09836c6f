// `scim-preflight serve`: the reference endpoint for anyone who wants a local target, optionally with faults.
import type { ServeConfig } from '../helpers/config/serve.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { faultsById, faults } from '../server/faults/index.ts'
import { seedStore } from '../server/seed.ts'
import { startServer } from '../server/start.ts'
import { Store } from '../server/store.ts'

export async function serveCommand(config: ServeConfig): Promise<number> {
  if (config.listFaults) {
    for (const f of faults) process.stdout.write(`${f.id.padEnd(44)} ${f.summary}\n`)
    return 0
  }
  const chosen = faultsById(config.faults)
  let server
  try {
    const oauth =
      config.clientId !== undefined && (config.clientSecret !== undefined || config.federation)
        ? {
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            clientSecret2: config.clientSecret2,
            clientId2: config.clientId2,
            federation: config.federation,
          }
        : undefined
    const store = seedStore(new Store(), { users: config.seedUsers, groups: config.seedGroups })
    server = await startServer({
      port: config.port,
      host: config.host,
      token: config.token,
      faults: chosen,
      oauth,
      store,
    })
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'EADDRINUSE') throw new UsageError(`port ${config.port} is in use: pick another with --port`)
    if (code === 'EACCES') throw new UsageError(`port ${config.port} needs privileges: pick one above 1024 with --port`)
    throw err
  }
  process.stdout.write(
    `scim-preflight reference endpoint listening\n  SCIM_BASE_URL=${server.url}\n  SCIM_TOKEN=${server.token}\n`,
  )
  // The client secret is the caller's own; it is not echoed back.
  if (server.tokenUrl)
    process.stdout.write(`  SCIM_TOKEN_URL=${server.tokenUrl}\n  SCIM_CLIENT_ID=${config.clientId}\n`)
  // What client assertions must carry: the same values go to the run as --wif-issuer, --wif-subject, --wif-audience.
  if (config.federation)
    process.stdout.write(
      `  SCIM_WIF_ISSUER=${config.federation.issuer}\n  SCIM_WIF_SUBJECT=${config.federation.subject}\n  SCIM_WIF_AUDIENCE=${config.federation.audience}\n`,
    )
  if (chosen.length) process.stdout.write(`  faults: ${chosen.map((f) => f.id).join(', ')}\n`)
  if (config.seedUsers || config.seedGroups)
    process.stdout.write(`  seeded: ${config.seedUsers} users, ${config.seedGroups} groups\n`)
  process.stdout.write('Press Ctrl-C to stop.\n')
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  return 0
}
