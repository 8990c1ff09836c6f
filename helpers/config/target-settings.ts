// How to reach and authenticate to the SCIM endpoint: the options every command that talks to a target shares.
import { UsageError } from '../model/errors.ts'
import type { ClientCredentials } from '../client/oauth.ts'
import type { TransportOptions } from '../client/scim-client.ts'
import type { ProxyConfig } from '../client/proxy.ts'
import { parseDuration } from './duration.ts'
import { FEDERATION_OPTIONS, federationSettings, federationValues } from './federation.ts'
import { parseBool, parseCount, type Env, type Options } from './parse.ts'

export interface TargetConfig extends TransportOptions {
  /** Absent: the suite starts its own reference endpoint (the embedded default). */
  baseUrl?: string
  token?: string
  /** OAuth 2.0 client credentials (with a secret, or with a signed assertion: workload identity federation). */
  oauth?: ClientCredentials
  /** Whole-run limit; the run stops and cleans up when it is reached. */
  maxTimeMs: number
  // proxy (TransportOptions): from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case); absent when none is set.
}

export const TARGET_OPTIONS = {
  url: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  scope: { type: 'string' },
  timeout: { type: 'string' },
  'max-time': { type: 'string' },
  retries: { type: 'string' },
  insecure: { type: 'boolean' },
  'ca-file': { type: 'string' },
  'max-body': { type: 'string' },
  ...FEDERATION_OPTIONS,
} as const satisfies Options

export function parseBaseUrl(source: string, text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(
      `${source} '${text}' is not a valid URL: give the full SCIM base URL, e.g. https://api.example.com/scim/v2`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${source} '${text}' must start with https:// (or http:// for a local server)`)
  }
  if (url.username || url.password) {
    throw new UsageError(`${source} must not carry credentials: give the token with --token or SCIM_TOKEN`)
  }
  return url.toString().replace(/\/+$/, '')
}

// Kept exactly as given (a trailing slash can matter to a token endpoint); credentials belong in --client-secret.
export function parseTokenUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(
      `--token-url '${text}' is not a valid URL: give the full token endpoint URL, e.g. https://login.example.com/oauth2/token`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--token-url '${text}' must start with https:// (or http:// for a local server)`)
  if (url.username || url.password)
    throw new UsageError('--token-url must not carry credentials: give them with --client-id and --client-secret')
  return text
}

/** The proxy settings, as curl reads them: lower-case names win over upper-case ones. */
export function proxyConfig(env: Env): ProxyConfig | undefined {
  const pick = (name: string) => env[name.toLowerCase()] || env[name] || undefined
  const check = (name: string, text: string | undefined): string | undefined => {
    if (text === undefined) return undefined
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
    let url: URL
    try {
      url = new URL(withScheme)
    } catch {
      throw new UsageError(`${name} '${text}' is not a proxy URL: use http://host:port`)
    }
    if (url.protocol !== 'http:')
      throw new UsageError(`${name} '${text}' must be an http:// proxy (https:// and socks proxies are not supported)`)
    return url.toString()
  }
  const https = check('HTTPS_PROXY', pick('HTTPS_PROXY'))
  const http = check('HTTP_PROXY', pick('HTTP_PROXY'))
  if (!https && !http) return undefined
  const noProxy = (pick('NO_PROXY') ?? '').split(/[\s,]+/).filter(Boolean)
  return { ...(https ? { https } : {}), ...(http ? { http } : {}), noProxy }
}

/** A CI job: CI (GitHub Actions, GitLab CI and most others) or TF_BUILD (Azure Pipelines) set, and not false. */
export function inCi(env: Env): boolean {
  return [env.CI, env.TF_BUILD].some((v) => v !== undefined && v.trim() !== '' && !/^(0|false|no|off)$/i.test(v.trim()))
}

/** The value of SCIM_BASE_URL (or --url) that chooses the built-in reference endpoint, like --built-in. */
export const BUILT_IN = 'built-in'

/** Flags only `run` and `load` take: they alone can start the built-in reference endpoint. */
export const BUILT_IN_OPTION = { 'built-in': { type: 'boolean' } } as const satisfies Options

/**
 * The target options of a command. `builtIn: true` (run, load): without a base URL the command starts its own
 * reference endpoint. Credentials without a base URL are refused unless that choice is explicit (--built-in or
 * SCIM_BASE_URL=built-in): a CI job whose URL variable is misspelt must fail, not pass against the built-in endpoint.
 */
export function targetConfig(
  values: Record<string, unknown>,
  env: Env,
  opts: { builtIn?: boolean } = {},
): TargetConfig {
  const str = (flag: string, envName: string): string | undefined => {
    const v = values[flag]
    if (typeof v === 'string') return v
    const e = env[envName]
    return e === undefined || e === '' ? undefined : e
  }
  const urlFlag = (values.url ?? values['base-url']) as string | undefined
  const rawUrl = urlFlag ?? str('', 'SCIM_BASE_URL')
  const urlSource = urlFlag ? '--url' : 'SCIM_BASE_URL'
  const chosenBuiltIn = values['built-in'] === true || rawUrl === BUILT_IN
  if (chosenBuiltIn && !opts.builtIn) {
    throw new UsageError(
      `${values['built-in'] === true ? '--built-in' : `${urlSource}=${BUILT_IN}`} goes with run and load: this command needs a real target (--url and --token)`,
    )
  }
  if (values['built-in'] === true && rawUrl !== undefined && rawUrl !== BUILT_IN) {
    throw new UsageError(
      `--built-in and ${urlSource} contradict each other: give one target (unset ${urlSource} to run the built-in reference endpoint)`,
    )
  }
  const baseUrl = rawUrl === undefined || rawUrl === BUILT_IN ? undefined : parseBaseUrl(urlSource, rawUrl)
  const token = str('token', 'SCIM_TOKEN')
  const tokenUrl = str('token-url', 'SCIM_TOKEN_URL')
  const clientId = str('client-id', 'SCIM_CLIENT_ID')
  const clientSecret = str('client-secret', 'SCIM_CLIENT_SECRET')
  const scope = str('scope', 'SCIM_SCOPE')
  const fed = federationValues(values, env)
  if (!baseUrl) {
    const given = (
      [
        ['token', 'SCIM_TOKEN', token],
        ['token-url', 'SCIM_TOKEN_URL', tokenUrl],
        ['client-id', 'SCIM_CLIENT_ID', clientId],
        ['client-secret', 'SCIM_CLIENT_SECRET', clientSecret],
        ['scope', 'SCIM_SCOPE', scope],
        ['wif-key', 'SCIM_WIF_KEY', fed.key],
        ['client-secret-2', 'SCIM_CLIENT_SECRET_2', fed.clientSecret2],
        ['client-id-2', 'SCIM_CLIENT_ID_2', fed.clientId2],
      ] as const
    )
      .filter(([, , v]) => v !== undefined)
      .map(([flag, name]) => (typeof values[flag] === 'string' ? `--${flag}` : name))
    if (given.length && !chosenBuiltIn) {
      throw new UsageError(
        `${given.join(', ')} ${given.length > 1 ? 'were' : 'was'} given without a base URL: set SCIM_BASE_URL or pass --url${opts.builtIn ? ` (or pass --built-in to run the built-in reference endpoint on purpose)` : ''}`,
      )
    }
    // In CI a run without a target is a job whose target variables did not arrive: the built-in endpoint would pass.
    if (opts.builtIn && !chosenBuiltIn && inCi(env)) {
      throw new UsageError(
        `no target in CI (${env.CI ? `CI=${env.CI}` : `TF_BUILD=${env.TF_BUILD}`}): set SCIM_BASE_URL and SCIM_TOKEN (or pass --url and --token), or pass --built-in to run the built-in reference endpoint on purpose`,
      )
    }
    // The built-in endpoint makes its own secret token and serves its own token endpoint: only a client is needed.
    if (token !== undefined)
      throw new UsageError(
        `${typeof values.token === 'string' ? '--token' : 'SCIM_TOKEN'} goes with --url: the built-in reference endpoint makes its own token (give --client-id and --client-secret to try OAuth)`,
      )
    if (tokenUrl !== undefined) {
      throw new UsageError(
        '--token-url goes with --url: the built-in reference endpoint issues tokens itself (give only --client-id and --client-secret)',
      )
    }
  }
  let oauth: TargetConfig['oauth']
  if (tokenUrl || clientId || clientSecret || fed.key) {
    // Workload identity federation replaces the secret: the client id and token URL are still needed.
    if ((baseUrl && !tokenUrl) || !clientId || (!clientSecret && !fed.key)) {
      throw new UsageError(
        fed.key && !clientSecret
          ? `workload identity federation needs --token-url and --client-id with ${fed.flag('wif-key', 'SCIM_WIF_KEY')} (SCIM_TOKEN_URL, SCIM_CLIENT_ID): the token endpoint and the client id your server issued for Entra`
          : 'OAuth client credentials need all three of --token-url, --client-id and --client-secret (or SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)',
      )
    }
    if (fed.clientSecret2 !== undefined && !clientSecret) {
      throw new UsageError(
        `${fed.flag('client-secret-2', 'SCIM_CLIENT_SECRET_2')} is a second secret of the same client: give the first with --client-secret (SCIM_CLIENT_SECRET)`,
      )
    }
    // Microsoft's gallery requirements accept rotation by a new client id and secret: --client-id-2 names that client.
    if (fed.clientId2 !== undefined && fed.clientSecret2 === undefined)
      throw new UsageError(
        `${fed.flag('client-id-2', 'SCIM_CLIENT_ID_2')} is the id of a second client: give its secret with --client-secret-2 (SCIM_CLIENT_SECRET_2)`,
      )
    if (fed.clientId2 !== undefined && fed.clientId2 === clientId)
      throw new UsageError(
        `${fed.flag('client-id-2', 'SCIM_CLIENT_ID_2')} is the same as --client-id: leave it out to test a second secret of the same client`,
      )
    if (fed.clientSecret2 !== undefined && fed.clientSecret2 === clientSecret && fed.clientId2 === undefined) {
      throw new UsageError(
        `${fed.flag('client-secret-2', 'SCIM_CLIENT_SECRET_2')} is the same as the first client secret: give a second active secret of the client to test rotation`,
      )
    }
    const federation = federationSettings(fed, { builtIn: !baseUrl, clientId })
    oauth = {
      ...(tokenUrl ? { tokenUrl: parseTokenUrl(tokenUrl) } : {}),
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      scope,
      ...(fed.clientSecret2 ? { clientSecret2: fed.clientSecret2 } : {}),
      ...(fed.clientId2 ? { clientId2: fed.clientId2 } : {}),
      ...(federation ? { federation } : {}),
    }
  } else {
    // --wif-issuer and the like without --wif-key, or --client-secret-2 alone: one line saying what they go with.
    federationSettings(fed, { builtIn: !baseUrl, clientId: '' })
    if (fed.clientSecret2 !== undefined || fed.clientId2 !== undefined)
      throw new UsageError(
        `${fed.clientSecret2 !== undefined ? fed.flag('client-secret-2', 'SCIM_CLIENT_SECRET_2') : fed.flag('client-id-2', 'SCIM_CLIENT_ID_2')} is a second credential of the client: give --token-url, --client-id and --client-secret too`,
      )
  }
  if (baseUrl && !token && !oauth) {
    throw new UsageError(
      'a target URL needs a token: set SCIM_TOKEN or pass --token (or --token-url, --client-id and --client-secret for OAuth, or --wif-key for federation)',
    )
  }
  const timeout = str('timeout', 'SCIM_TIMEOUT')
  const maxTime = str('max-time', 'SCIM_MAX_TIME')
  const retries = str('retries', 'SCIM_RETRIES')
  const maxBody = str('max-body', 'SCIM_MAX_BODY_BYTES')
  return {
    baseUrl,
    token,
    oauth,
    timeoutMs: timeout ? parseDuration('--timeout', timeout) : 10_000,
    maxTimeMs: maxTime ? parseDuration('--max-time', maxTime) : 600_000,
    retries: retries ? parseCount('--retries', retries, 0) : 0,
    insecure: values.insecure === true || parseBool('SCIM_INSECURE', env.SCIM_INSECURE),
    caFile: str('ca-file', 'SCIM_CA_FILE'),
    maxBodyBytes: maxBody ? parseCount('--max-body', maxBody, 1024) : 10 * 1024 * 1024,
    proxy: proxyConfig(env),
  }
}
