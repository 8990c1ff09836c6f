// `scim-preflight serve`: the reference endpoint's configuration.
import { existsSync, readFileSync } from 'node:fs'
import { createPublicKey } from 'node:crypto'
import { UsageError } from '../model/errors.ts'
import { jwksKeys, type TrustedFederation } from '../client/assertion.ts'
import { DEMO_ISSUER, DEMO_SUBJECT } from './federation.ts'
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
  /** A second active secret of the client (rotation). */
  clientSecret2?: string
  clientId2?: string
  /** Workload identity federation: the public key and claims client assertions must carry. */
  federation?: TrustedFederation
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
  'client-secret-2': { type: 'string' },
  'client-id-2': { type: 'string' },
  'wif-public-key': { type: 'string' },
  'wif-jwks': { type: 'string' },
  'wif-issuer': { type: 'string' },
  'wif-subject': { type: 'string' },
  'wif-audience': { type: 'string' },
  'seed-users': { type: 'string' },
  'seed-groups': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export function serveConfig(args: string[], env: Env): { kind: 'serve'; config: ServeConfig } | HelpCommand {
  const { values } = parse(SERVE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: SERVE_HELP }
  const port = values.port ?? env.SCIM_SERVE_PORT
  const federation = trustedFederation(values)
  const secretOrKey = values['client-secret'] !== undefined || federation !== undefined
  if ((values['client-id'] === undefined) === secretOrKey) {
    throw new UsageError(
      'serve needs both --client-id and --client-secret to serve a token endpoint (or --client-id and --wif-public-key or --wif-jwks, for federation)',
    )
  }
  if (values['client-secret-2'] !== undefined && values['client-secret'] === undefined)
    throw new UsageError('--client-secret-2 is a second secret of the client: give the first with --client-secret')
  if (values['client-id-2'] !== undefined && values['client-secret-2'] === undefined)
    throw new UsageError('--client-id-2 is the id of a second client: give its secret with --client-secret-2')
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
      clientSecret2: values['client-secret-2'],
      ...(values['client-id-2'] !== undefined ? { clientId2: values['client-id-2'] } : {}),
      federation: federation && { ...federation, audience: federation.audience || (values['client-id'] ?? '') },
      seedUsers: values['seed-users'] === undefined ? 0 : parseCount('--seed-users', values['seed-users'], 0),
      seedGroups: values['seed-groups'] === undefined ? 0 : parseCount('--seed-groups', values['seed-groups'], 0),
    },
  }
}

/** --wif-public-key and the claims it is trusted for (issuer and subject default to the built-in endpoint's made-up ones). */
function trustedFederation(values: Record<string, unknown>): TrustedFederation | undefined {
  const jwks = values['wif-jwks'] as string | undefined
  if (jwks !== undefined) {
    if (values['wif-public-key'] !== undefined)
      throw new UsageError('give --wif-public-key (one key) or --wif-jwks (a key set), not both')
    if (!existsSync(jwks))
      throw new UsageError(`--wif-jwks '${jwks}' does not exist: give a JWKS file ({"keys": [...]}, RFC 7517)`)
    const keys = jwksKeys(readFileSync(jwks, 'utf8'))
    if ('problem' in keys) throw new UsageError(`--wif-jwks '${jwks}' ${keys.problem}: give a JWKS file of RSA keys`)
    return { ...trustedClaims(values), publicKeyPem: keys[0]!.publicKeyPem, keys }
  }
  const path = values['wif-public-key'] as string | undefined
  if (path === undefined) {
    const stray = ['wif-issuer', 'wif-subject', 'wif-audience'].filter((f) => values[f] !== undefined)
    if (stray.length)
      throw new UsageError(
        `${stray.map((f) => `--${f}`).join(', ')} ${stray.length > 1 ? 'go' : 'goes'} with --wif-public-key or --wif-jwks: give the public key (or key set) client assertions are signed for`,
      )
    return undefined
  }
  if (!existsSync(path))
    throw new UsageError(
      `--wif-public-key '${path}' does not exist: give the PEM file of the public key (or certificate) that signs the assertions`,
    )
  let publicKeyPem: string
  try {
    // A private key file works too: its public half is what is trusted.
    const key = createPublicKey(readFileSync(path, 'utf8'))
    if (key.asymmetricKeyType !== 'rsa')
      throw new UsageError(
        `--wif-public-key '${path}' is a${key.asymmetricKeyType === 'ec' ? 'n' : ''} ${key.asymmetricKeyType} key; assertions are signed RS256, so give an RSA key`,
      )
    publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString()
  } catch (err) {
    if (err instanceof UsageError) throw err
    throw new UsageError(`--wif-public-key '${path}' is not a readable PEM public key, certificate or private key`)
  }
  return { publicKeyPem, ...trustedClaims(values) }
}

const trustedClaims = (values: Record<string, unknown>): Omit<TrustedFederation, 'publicKeyPem' | 'keys'> => ({
  issuer: (values['wif-issuer'] as string | undefined) ?? DEMO_ISSUER,
  subject: (values['wif-subject'] as string | undefined) ?? DEMO_SUBJECT,
  audience: (values['wif-audience'] as string | undefined) ?? '',
})
