// Secrets (tokens, client secrets) are replaced wherever they appear, so no record, report or message carries one.

export const REDACTED = '[redacted]'

const LONE_SURROGATE = /\p{Cs}/u

/**
 * `value` with every occurrence of each secret in any string replaced: a copy where one occurs, else `value` itself.
 * Nearly every exchange holds none, and one native JSON.stringify shows it, for a tenth of the cost of walking the
 * value: JSON escapes a string one character at a time, so a string that contains a secret has the secret's escaped
 * form in its JSON (a PEM key's line breaks as \n, a quote as \"). A lone surrogate at a secret's edge could pair
 * with its neighbour and escape differently: such a secret is looked for by walking.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s && s.length >= 4)
  if (live.length === 0) return value
  if (live.every((s) => !LONE_SURROGATE.test(s))) {
    let json: string | undefined
    try {
      json = JSON.stringify(value)
    } catch {
      json = undefined
    }
    if (json !== undefined && live.every((s) => !json.includes(JSON.stringify(s).slice(1, -1)))) return value
  }
  return walk(value, live) as T
}

/** Every occurrence of each known secret in `text` replaced (a credential-shaped string that is not one of them stays: see
 * the renderers' redactText for that). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join(REDACTED)
  return out
}

function walk(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets)
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[redactSecrets(k, secrets)] = walk(v, secrets)
    return out
  }
  return value
}
