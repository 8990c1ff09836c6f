// The one way every command (run, diagnose, cleanup, load) turns its configuration into a ready target: the base
// URL (or the built-in reference endpoint the command starts), the credential (a secret token, or OAuth 2.0 client
// credentials with a cached, renewed token), TLS, proxy, timeouts and retries, the list of every secret to redact,
// the preflight, and the notices about how the target was reached, worded once.
import { randomUUID } from 'node:crypto'
import { TokenSource } from '../client/oauth.ts'
import { otherTrustedKey, type TrustedFederation } from '../client/assertion.ts'
import type { Exchange } from '../model/exchange.ts'
import { proxyAuthorization, proxyFor } from '../client/proxy.ts'
import { ScimClient, type ExchangeSink } from '../client/scim-client.ts'
import type { TargetConfig } from '../config/target-settings.ts'
import { UnreachableError } from '../model/errors.ts'
import { preflight, type Preflight } from './preflight.ts'

/** The built-in reference endpoint as a command started it (in-process for `run`, on a thread for `load`). */
export interface EmbeddedEndpoint {
  url: string
  token: string
  /** Its token endpoint, when started with a client. */
  tokenUrl?: string
  close(): Promise<void>
}

/** The OAuth client the built-in endpoint serves: its secrets, and the federation it trusts (the public key and claims). */
export interface EmbeddedClient {
  clientId: string
  clientSecret?: string
  clientSecret2?: string
  clientId2?: string
  federation?: TrustedFederation
}

/** Starts the built-in endpoint with this token (and this OAuth client, for the client-credentials demo). */
export type StartEmbedded = (options: { token: string; oauth?: EmbeddedClient }) => Promise<EmbeddedEndpoint>

export interface TargetOptions {
  /** How this command starts the built-in endpoint when the configuration names no base URL. */
  embedded?: StartEmbedded
  /** Only GET reaches the SCIM endpoint (the token request is allowed: Entra needs a token before any GET). */
  readOnly?: boolean
  /** Ctrl-C and --max-time. */
  signal?: AbortSignal
  /** Receives the exchanges of the preflight and of token renewals (the run's recorder). */
  sink?: ExchangeSink
}

/** The preflight outcomes a command lets through instead of stopping with exit 2. */
export interface Tolerated {
  /** diagnose: an unreachable SCIM endpoint is a cause to report (Entra cannot connect), not bad input. */
  unreachable?: boolean
  /** run, diagnose: a token defect the Authentication flow proves; the other flows are skipped with the reason. */
  authOnly?: boolean
}

export class Target {
  /** Every exchange any client of this target put on the wire, from the first token request on (secrets redacted):
   * the run's record, which exchanges.har renders. */
  readonly exchanges: Exchange[] = []
  readonly client: ScimClient
  readonly tokens?: TokenSource
  private readonly staticToken?: string
  private current?: string
  private readonly proxySecrets: string[]

  constructor(
    readonly config: TargetConfig,
    readonly baseUrl: string,
    readonly embedded: EmbeddedEndpoint | undefined,
    options: TargetOptions,
  ) {
    // With client credentials the static token is not used: every SCIM request carries an issued one, as from Entra.
    const tokenUrl = config.oauth?.tokenUrl ?? embedded?.tokenUrl
    this.tokens = config.oauth && tokenUrl ? new TokenSource({ ...config.oauth, tokenUrl }) : undefined
    this.staticToken = this.tokens ? undefined : (embedded?.token ?? config.token)
    this.current = this.staticToken
    this.proxySecrets = proxyCredentials(config)
    const client: ScimClient = new ScimClient({
      ...config,
      baseUrl,
      token: () => this.bearer(client),
      secrets: () => this.secrets(),
      readOnly: options.readOnly,
      signal: options.signal,
      ...(options.sink ? { sink: options.sink } : {}),
    })
    client.tap((ex) => this.exchanges.push(ex))
    this.client = client
  }

  /** The bearer token for the next request: the secret token, or an issued one (cached, renewed before expiry). */
  async bearer(client: ScimClient = this.client): Promise<string | undefined> {
    if (!this.tokens) return this.staticToken
    const token = await this.tokens.token(client)
    if (token) this.current = token
    return token
  }

  /** The last known bearer token, without waiting: for the load generator's hot path (see `keepTokenFresh`). */
  currentBearer(): string | undefined {
    return this.current
  }

  /**
   * Renews the issued token in the background while a long load runs, so `currentBearer` never hands out one
   * that expired. Returns the function that stops it. No-op with a secret token.
   */
  keepTokenFresh(everyMs = 5_000): () => void {
    if (!this.tokens) return () => undefined
    const timer = setInterval(() => void this.bearer().catch(() => undefined), everyMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  /** What a client of its own (the load generator's wire pool) needs to reach the target as the SCIM client does. */
  wire(): { timeoutMs: number; maxBodyBytes: number; insecure: boolean; caFile?: string } {
    const { timeoutMs, maxBodyBytes, insecure, caFile } = this.config
    return { timeoutMs, maxBodyBytes, insecure, ...(caFile ? { caFile } : {}) }
  }

  /** Every string no output may carry: token, client secret (raw and form-encoded), Basic values, issued tokens, proxy credentials. */
  secrets(): string[] {
    return [
      this.staticToken ?? '',
      this.config.token ?? '',
      this.embedded?.token ?? '',
      this.config.oauth?.clientSecret ?? '',
      this.config.oauth?.clientSecret2 ?? '',
      ...(this.tokens?.secrets ?? []),
      ...this.proxySecrets,
    ].filter(Boolean)
  }

  /** How the target was reached, for every report, worded once: plain http, --insecure, a proxy. */
  notices(opts: { direct?: boolean } = {}): string[] {
    const notices: string[] = []
    if (!this.embedded && this.baseUrl.startsWith('http://'))
      notices.push('The target uses plain http://: Entra requires HTTPS with TLS 1.2 and will not connect to it.')
    if (this.config.insecure)
      notices.push(
        'TLS certificate verification was turned off (--insecure): Entra verifies certificates, so this run proves nothing about the certificate.',
      )
    const proxy = proxyFor(this.baseUrl, this.config.proxy)
    if (proxy) {
      const shown = `${proxy.protocol}//${proxy.host}`
      const variable = this.baseUrl.startsWith('https:') ? 'HTTPS_PROXY' : 'HTTP_PROXY'
      notices.push(
        opts.direct
          ? `The token and preflight requests went through the proxy ${shown} (${variable}), but the load itself connected directly: measure from a machine without a proxy, as Entra connects.`
          : `Requests went through the proxy ${shown} (${variable}): Entra connects from Microsoft's network without it, so what the proxy changes is not what Entra sees.`,
      )
    }
    return notices
  }

  /** Runs the preflight; stops the command (exit 2, one line) unless the outcome is one it tolerates. */
  async preflight(tolerated: Tolerated = {}): Promise<Preflight> {
    const outcome = await preflight(this.client.fork({ role: 'probe' }), this.tokens, this.client.options.signal)
    switch (outcome.kind) {
      case 'unreachable':
        if (tolerated.unreachable && outcome.where === 'scim') return outcome
        throw new UnreachableError(outcome.reason)
      case 'refused':
      case 'not-scim':
        throw new PreflightError(outcome.reason)
      case 'auth-only':
        if (tolerated.authOnly) return outcome
        throw new PreflightError(
          `${outcome.reason}; run 'scim-preflight --only "authentication/*"' against this target for the details`,
        )
      default:
        return outcome
    }
  }

  async close(): Promise<void> {
    await this.embedded?.close()
  }
}

/** The target answered, but so that no flow can mean anything (a refused credential, not a SCIM endpoint): exit 2, one line. */
export class PreflightError extends UnreachableError {
  override name = 'PreflightError'
}

/**
 * Builds the target: starts the built-in endpoint through `options.embedded` when the configuration has no base
 * URL. Sends nothing yet; call `preflight()` before the first flow.
 */
export async function openTarget(config: TargetConfig, options: TargetOptions = {}): Promise<Target> {
  if (config.baseUrl) return new Target(config, config.baseUrl, undefined, options)
  if (!options.embedded)
    throw new Error('openTarget: no base URL and no way to start the built-in endpoint (a bug in scim-preflight)')
  // A fresh random token per run, so nothing else on the machine can use the built-in endpoint meanwhile.
  const token = `embedded-${randomUUID()}`
  const embedded = await options.embedded({ token, ...(config.oauth ? { oauth: embeddedClient(config.oauth) } : {}) })
  return new Target(config, embedded.url, embedded, options)
}

/** Plain data (it crosses to the endpoint's thread): the secrets, and only the public half of the federation key. */
function embeddedClient(oauth: NonNullable<TargetConfig['oauth']>): EmbeddedClient {
  const f = oauth.federation
  return {
    clientId: oauth.clientId,
    ...(oauth.clientSecret ? { clientSecret: oauth.clientSecret } : {}),
    ...(oauth.clientSecret2 ? { clientSecret2: oauth.clientSecret2 } : {}),
    ...(oauth.clientId2 ? { clientId2: oauth.clientId2 } : {}),
    ...(f
      ? {
          federation: {
            publicKeyPem: f.publicKeyPem,
            // A key set, as Entra's tenant publishes several keys: the run's key second, so a server that does not
            // choose the key by the assertion's kid shows it (Microsoft's federation guide).
            keys: [
              { kid: `${f.kid}-other`, publicKeyPem: otherTrustedKey().publicKeyPem },
              { kid: f.kid, publicKeyPem: f.publicKeyPem },
            ],
            issuer: f.issuer,
            subject: f.subject,
            audience: f.audience,
          },
        }
      : {}),
  }
}

/** Proxy user names and passwords (user:password@proxy), decoded and as written, and the Proxy-Authorization value. */
function proxyCredentials(config: TargetConfig): string[] {
  return [config.proxy?.https, config.proxy?.http]
    .flatMap((p) => {
      if (!p) return []
      const url = new URL(p)
      const basic = proxyAuthorization(url)?.slice('Basic '.length)
      return [url.password, decodeURIComponent(url.password), basic ?? '']
    })
    .filter(Boolean)
}
