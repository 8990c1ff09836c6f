// Workload identity federation as Entra uses it (Microsoft's "Workload Identity Federation for SCIM provisioning"):
// the token request carries a signed JWT client assertion (RFC 7523 §2.2) in place of a client secret. The suite
// signs it with a key the user's staging server trusts, with the header and claims of a real Entra-issued v2 token.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** exp − iat of the assertions Entra sends: 3,900 s (65 minutes). */
export const ASSERTION_LIFETIME_S = 3900
/** The only algorithm Entra signs with (its tokens are RS256 with a kid from the tenant's JWKS). */
export const ASSERTION_ALG = 'RS256'

/** What the suite signs assertions with, and the claims the user's server is set to trust. */
export interface FederationSettings {
  privateKey: KeyObject
  /** The public half (SPKI PEM): what the server must trust. The built-in endpoint is given it. */
  publicKeyPem: string
  /** The JWS kid: --wif-kid, else the key's RFC 7638 thumbprint. */
  kid: string
  issuer: string
  subject: string
  /** The client id by default (Microsoft's setup: audience = the application (client) id); `api://<id>` is the other form in use. */
  audience: string
  /** Where the key came from: a file path, or 'generate' (a key pair made for the built-in endpoint). */
  keySource: string
}

/** A deliberately wrong assertion, for the checks that the server refuses it. */
export interface AssertionVariant {
  /** Signed with this key instead (a key the server does not trust), under the configured kid. */
  key?: KeyObject
  /** 'none': an unsigned JWT (RFC 7519 §6), empty signature. */
  alg?: 'none'
  /** Issued 75 minutes ago, expired 10 minutes ago: past any usual clock-skew allowance. */
  expired?: boolean
  audience?: string
  /** Extra claims (merged over the documented ones). */
  claims?: Record<string, unknown>
}

export const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

/** The tenant id in an Entra issuer (https://login.microsoftonline.com/<tenantId>/v2.0), for the tid claim. */
export function tenantOf(issuer: string): string | undefined {
  return /^https:\/\/login\.(?:microsoftonline\.com|windows\.net)\/([0-9a-f-]{36})(?:\/|$)/i.exec(issuer)?.[1]
}

/**
 * A signed client assertion: header {typ, alg, kid}; claims iss, sub, aud, oid (= sub), tid (from the issuer),
 * iat, nbf, exp (iat + 3,900 s), ver "2.0" — the claims Microsoft documents and a captured Entra v2 token carries
 * (no jti: Entra's tokens have none).
 */
export function buildAssertion(f: FederationSettings, variant: AssertionVariant = {}, now = Date.now()): string {
  const nowS = Math.floor(now / 1000)
  const iat = variant.expired ? nowS - ASSERTION_LIFETIME_S - 600 : nowS
  const tid = tenantOf(f.issuer)
  const claims = {
    aud: variant.audience ?? f.audience,
    iss: f.issuer,
    iat,
    nbf: iat,
    exp: iat + ASSERTION_LIFETIME_S,
    ...(tid ? { tid } : {}),
    oid: f.subject,
    sub: f.subject,
    ver: '2.0',
    ...variant.claims,
  }
  const alg = variant.alg ?? ASSERTION_ALG
  const header = { typ: 'JWT', alg, kid: f.kid }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
  if (alg === 'none') return `${input}.`
  return `${input}.${base64url(sign('sha256', Buffer.from(input), variant.key ?? f.privateKey))}`
}

/** The parts of a compact JWS, or undefined when it is not one. */
export function decodeJwt(
  jwt: string,
):
  | { header: Record<string, unknown>; claims: Record<string, unknown>; signingInput: string; signature: Buffer }
  | undefined {
  const parts = jwt.split('.')
  if (parts.length !== 3) return undefined
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown
    if (!isObject(header) || !isObject(claims)) return undefined
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') }
  } catch {
    return undefined
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** RFC 7638 JWK thumbprint (SHA-256) of an RSA public key: a stable kid a JWKS can publish too. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' }) as { e: string; n: string }
  return base64url(createHash('sha256').update(`{"e":"${jwk.e}","kty":"RSA","n":"${jwk.n}"}`).digest())
}

/** Parses a PEM private key; says in words what is wrong (the caller words the flag). */
export function parseSigningKey(pem: string): { privateKey: KeyObject; publicKeyPem: string } | { problem: string } {
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(pem)
  } catch {
    return {
      problem: /-----BEGIN (RSA )?PUBLIC KEY-----|BEGIN CERTIFICATE/.test(pem)
        ? 'holds a public key or certificate, not the private key'
        : 'is not a readable PEM private key (an unencrypted PKCS#8 or PKCS#1 key)',
    }
  }
  if (privateKey.asymmetricKeyType !== 'rsa')
    return {
      problem: `is a${privateKey.asymmetricKeyType === 'ec' ? 'n' : ''} ${privateKey.asymmetricKeyType ?? 'unknown'} key; Entra signs assertions with RS256, so give an RSA key`,
    }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < 2048) return { problem: `is a ${bits}-bit RSA key; RS256 needs at least 2048 bits (RFC 7518 §3.3)` }
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() }
}

/** A fresh RSA key pair (2048 bits). */
export function generateSigningKey(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}

// Each key below is made once per process, on first use: a 2048-bit key pair takes 100 to 300 ms of CPU, and a
// process that runs the suite several times (the vitest entry, the self-tests) needs each for the same purpose.
let generated: ReturnType<typeof generateSigningKey> | undefined
let untrusted: ReturnType<typeof generateSigningKey> | undefined
let other: ReturnType<typeof generateSigningKey> | undefined

/** The key pair of `--wif-key generate`, which the built-in endpoint is told to trust. */
export const generatedSigningKey = () => (generated ??= generateSigningKey())

/** A key pair no server was told of: the wrong-key check signs with it. */
export const untrustedSigningKey = () => (untrusted ??= generateSigningKey())

/** Another key of the built-in endpoint's trusted key set, listed before the run's own. */
export const otherTrustedKey = () => (other ??= generateSigningKey())

/** One key of a trusted key set. */
export interface TrustedKey {
  kid?: string
  publicKeyPem: string
}

/** The RSA keys of a JWKS document ({"keys": [...]}, RFC 7517 §5) with their kids; other key types are left out. */
export function jwksKeys(text: string): TrustedKey[] | { problem: string } {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return { problem: 'is not JSON' }
  }
  const list = (doc as { keys?: unknown } | null)?.keys
  if (!Array.isArray(list)) return { problem: 'has no "keys" list (RFC 7517 §5)' }
  const keys: TrustedKey[] = []
  for (const jwk of list as Record<string, unknown>[]) {
    if (!jwk || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue
    try {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
      keys.push({
        ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
        publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
      })
    } catch {
      return { problem: `has an RSA key${typeof jwk.kid === 'string' ? ` (kid ${jwk.kid})` : ''} that does not load` }
    }
  }
  return keys.length ? keys : { problem: 'holds no RSA key (assertions are signed RS256)' }
}

/** A public key as one JWKS entry (RFC 7517), with its kid. */
export function toJwk(publicKeyPem: string, kid: string): Record<string, unknown> {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' }) as Record<string, unknown>
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n, e: jwk.e }
}

/** What the endpoint trusts in a client assertion, as a vendor's server is set up for Entra (Microsoft's federation guide). */
export interface TrustedFederation {
  /** SPKI PEM of the key the assertion must be signed with (with `keys`: the first of them). */
  publicKeyPem: string
  /** A key set (JWKS) trusted instead of one key, each with its kid: Entra signs with one of its tenant's several keys
   * and a verifier picks it by the assertion's kid (Microsoft's federation guide). */
  keys?: readonly TrustedKey[]
  issuer: string
  subject: string
  audience: string
}
