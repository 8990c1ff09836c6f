// Workload identity federation and a second client secret: the target options that test how a gallery app
// authenticates beyond one client secret (Microsoft's gallery requirements: client credentials or federation; rotation).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { generatedSigningKey, jwkThumbprint, parseSigningKey, type FederationSettings } from '../client/assertion.ts'
import { createPublicKey } from 'node:crypto'
import { UsageError } from '../model/errors.ts'
import type { Env, Options } from './parse.ts'

export const FEDERATION_OPTIONS = {
  'wif-key': { type: 'string' },
  'wif-issuer': { type: 'string' },
  'wif-subject': { type: 'string' },
  'wif-audience': { type: 'string' },
  'wif-kid': { type: 'string' },
  'client-secret-2': { type: 'string' },
  'client-id-2': { type: 'string' },
} as const satisfies Options

/** --wif-key's value that makes a key pair for the built-in endpoint (which then trusts its public half). */
export const GENERATE_KEY = 'generate'

/** The built-in endpoint's federation trust when --wif-issuer/--wif-subject are not given: Entra's shapes, a made-up tenant. */
export const DEMO_ISSUER = 'https://login.microsoftonline.com/00000000-0000-4000-8000-00000000c0de/v2.0'
export const DEMO_SUBJECT = '00000000-0000-4000-8000-0000000005bf'

/** The federation flags and variables as given (undefined: not set); which of them were flags, for error messages. */
export function federationValues(values: Record<string, unknown>, env: Env) {
  const str = (flag: keyof typeof FEDERATION_OPTIONS, envName: string): string | undefined => {
    const v = values[flag]
    if (typeof v === 'string') return v
    const e = env[envName]
    return e === undefined || e === '' ? undefined : e
  }
  return {
    key: str('wif-key', 'SCIM_WIF_KEY'),
    issuer: str('wif-issuer', 'SCIM_WIF_ISSUER'),
    subject: str('wif-subject', 'SCIM_WIF_SUBJECT'),
    audience: str('wif-audience', 'SCIM_WIF_AUDIENCE'),
    kid: str('wif-kid', 'SCIM_WIF_KID'),
    clientSecret2: str('client-secret-2', 'SCIM_CLIENT_SECRET_2'),
    clientId2: str('client-id-2', 'SCIM_CLIENT_ID_2'),
    flag: (name: keyof typeof FEDERATION_OPTIONS, envName: string) =>
      typeof values[name] === 'string' ? `--${name}` : envName,
  }
}

export type FederationValues = ReturnType<typeof federationValues>

/**
 * The signing key and trusted claims, or undefined without --wif-key. Against a real target the issuer and subject
 * must be given (they are what the server was set to trust); the built-in endpoint trusts made-up ones.
 */
export function federationSettings(
  v: FederationValues,
  opts: { builtIn: boolean; clientId: string },
): FederationSettings | undefined {
  const keyFlag = v.flag('wif-key', 'SCIM_WIF_KEY')
  if (v.key === undefined) {
    const stray = (
      [
        ['wif-issuer', 'SCIM_WIF_ISSUER', v.issuer],
        ['wif-subject', 'SCIM_WIF_SUBJECT', v.subject],
        ['wif-audience', 'SCIM_WIF_AUDIENCE', v.audience],
        ['wif-kid', 'SCIM_WIF_KID', v.kid],
      ] as const
    )
      .filter(([, , value]) => value !== undefined)
      .map(([flag, name]) => v.flag(flag, name))
    if (stray.length)
      throw new UsageError(
        `${stray.join(', ')} ${stray.length > 1 ? 'go' : 'goes'} with --wif-key: give the private key that signs the client assertions (SCIM_WIF_KEY)`,
      )
    return undefined
  }
  let key: { privateKey: FederationSettings['privateKey']; publicKeyPem: string }
  if (v.key === GENERATE_KEY) {
    if (!opts.builtIn)
      throw new UsageError(
        `${keyFlag} ${GENERATE_KEY} goes with --built-in: your server trusts a key you give it (create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out wif-key.pem)`,
      )
    key = generatedSigningKey()
  } else {
    key = readKeyFile(keyFlag, v.key)
  }
  if (!opts.builtIn && (v.issuer === undefined || v.subject === undefined)) {
    const missing = [v.issuer === undefined ? '--wif-issuer' : '', v.subject === undefined ? '--wif-subject' : '']
      .filter(Boolean)
      .join(' and ')
    throw new UsageError(
      `${keyFlag} needs ${missing} too: the issuer and subject your server trusts (for Entra: https://login.microsoftonline.com/<tenant id>/v2.0 and the object id Entra shows; SCIM_WIF_ISSUER, SCIM_WIF_SUBJECT)`,
    )
  }
  if (v.issuer !== undefined && !/^https?:\/\/\S+$/.test(v.issuer)) {
    throw new UsageError(
      `${v.flag('wif-issuer', 'SCIM_WIF_ISSUER')} '${v.issuer}' is not an issuer URL: give it as your server trusts it, e.g. https://login.microsoftonline.com/<tenant id>/v2.0`,
    )
  }
  return {
    ...key,
    kid: v.kid ?? jwkThumbprint(createPublicKey(key.publicKeyPem)),
    issuer: v.issuer ?? DEMO_ISSUER,
    subject: v.subject ?? DEMO_SUBJECT,
    audience: v.audience ?? opts.clientId,
    keySource: v.key,
  }
}

function readKeyFile(
  flag: string,
  path: string,
): { privateKey: FederationSettings['privateKey']; publicKeyPem: string } {
  if (!existsSync(path))
    throw new UsageError(
      `${flag} '${path}' does not exist: give the PEM file of the RSA private key your server trusts`,
    )
  if (!statSync(path).isFile())
    throw new UsageError(`${flag} '${path}' is not a file: give the PEM file of the RSA private key your server trusts`)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new UsageError(
      `${flag} '${path}' cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): check its permissions`,
    )
  }
  const parsed = parseSigningKey(text)
  if ('problem' in parsed) throw new UsageError(`${flag} '${path}' ${parsed.problem}`)
  return parsed
}
