// `scim-preflight serve`: the reference endpoint's configuration.
import { UsageError } from '../errors.ts'
import { SERVE_HELP } from './command-help.ts'
import { parse, parseCount, type Env, type Options, type HelpCommand } from './parse.ts'

export interface ServeConfig {
  port: number
  host: string
  token: string
  faults: string[]
  listFaults: boolean
  clientId?: string
  clientSecret?: string
  /** Users and groups (not run-prefixed) to start with, for demos and the safety tests. */
  seedUsers: number
  seedGroups: number
}

export const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  fault: { type: 'string', multiple: true },
  'list-faults': { type: 'boolean' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'seed-users': { type: 'string' },
  'seed-groups': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export function serveConfig(args: string[], env: Env): { kind: 'serve'; config: ServeConfig } | HelpCommand {
  const { values } = parse(SERVE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: SERVE_HELP }
  const port = values.port ?? env.SCIM_SERVE_PORT
  if ((values['client-id'] === undefined) !== (values['client-secret'] === undefined)) {
    throw new UsageError('serve needs both --client-id and --client-secret to serve a token endpoint')
  }
  return {
    kind: 'serve',
    config: {
      port: port === undefined ? 8080 : parseCount('--port', port, 0),
      host: values.host ?? '127.0.0.1',
      token: values.token ?? env.SCIM_TOKEN ?? 'preflight-local-token',
      faults: values.fault ?? [],
      listFaults: values['list-faults'] === true,
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      seedUsers: values['seed-users'] === undefined ? 0 : parseCount('--seed-users', values['seed-users'], 0),
      seedGroups: values['seed-groups'] === undefined ? 0 : parseCount('--seed-groups', values['seed-groups'], 0),
    },
  }
}
