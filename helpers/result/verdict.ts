// The verdict every format opens with: what the run may claim (never "ready" for what was not judged), and the
// gallery checklist. Gallery requirements: Microsoft's "User provisioning requirements for the Microsoft Entra app
// gallery" (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/app-gallery-user-provisioning-requirements).
import type { CheckResult, Counts, GalleryChecklist, GalleryItem, Verdict, VerdictScope } from '../model/result.ts'
import { entra, galleryChecklist, msValidation } from '../model/refs.ts'

/** Microsoft asks gallery endpoints for at least 25 requests per second per tenant. */
export const GALLERY_RATE = 25
import { worstCause } from './causes.ts'
import { privateTrustBasis, type PrivateTrust } from '../connect/gallery-probes.ts'

export interface VerdictOptions {
  /** True when the run exercised the group flows (a user-only run can't meet gallery requirements). */
  groupsTested: boolean
  /** True when group flows were turned off with --no-groups: the endpoint declares it has no groups. */
  groupsDisabled?: boolean
  /** Requests per second the server sustained, when measured (a burst in the run, or a `load` report). */
  rate?: { measured: number; required: number; source?: string; failed?: number }
  /** Whether the run authenticated with OAuth client credentials, the only method gallery onboarding accepts; undefined: not judged. */
  oauthTested?: boolean
  /** How the OAuth client authenticated: a client secret (and a second one, for rotation), workload identity federation, or both. */
  authMethods?: { clientSecret: boolean; secondSecret: boolean; federation: boolean }
  /** --gallery: unmet gallery requirements fail the run. */
  gallery?: boolean
  /** The target, when known: the built-in endpoint and plain http:// can never be "ready". */
  target?: {
    url: string
    embedded: boolean
    tls?: string
    tlsNote?: string
    insecure?: boolean
    privateCa?: PrivateTrust
  }
  /** Why the run is incomplete (stopped, cut by --only/--skip, read-only), and how many checks a full run has. */
  scope?: { incomplete: string[]; total: number }
}

const isGroupFlow = (flow: string): boolean => /\bgroups?\b/i.test(flow)
const JUDGED = new Set<CheckResult['outcome']>(['passed', 'failed', 'warned', 'waived'])
// A waived failure still breaks what the check tests; the waiver only keeps it from failing the run.
const notPassed = (c: CheckResult): boolean =>
  c.outcome === 'failed' || c.outcome === 'warned' || c.outcome === 'waived'

/** Counts of each outcome. */
export function countOutcomes(checks: readonly CheckResult[]): Counts {
  const n: Counts = { passed: 0, failed: 0, warned: 0, skipped: 0, blocked: 0, waived: 0 }
  for (const c of checks) n[c.outcome]++
  return n
}

function scopeOf(checks: readonly CheckResult[], opts: VerdictOptions): VerdictScope {
  const judged = checks.filter((c) => JUDGED.has(c.outcome)).length
  const total = Math.max(opts.scope?.total ?? checks.length, checks.length)
  // A blocked check was not judged. Behind a failure that is said by the failure; with nothing failed (the step that
  // blocked it only warned, or was not selected), the run cannot claim those checks pass: it is incomplete.
  const blocked = checks.some((c) => c.outcome === 'failed') ? 0 : checks.filter((c) => c.outcome === 'blocked').length
  const incomplete = [
    ...(opts.scope?.incomplete ?? []),
    ...(blocked > 0 ? [`${blocked} check${blocked === 1 ? '' : 's'} blocked by an earlier step`] : []),
    // Every check skipped (a profile that maps nothing they test, say): nothing was shown, so nothing may be claimed.
    ...(judged === 0 ? ['no check could be judged'] : []),
  ]
  const limits: string[] = []
  if (incomplete.length)
    limits.push(
      `Incomplete run (${incomplete.join('; ')}): ${judged} of ${total} checks were judged, and the verdict covers only those.`,
    )
  if (opts.target?.embedded)
    limits.push(
      'Run against the built-in reference endpoint: it shows the suite at work, not your server. Set SCIM_BASE_URL (or --url) and a token for a verdict on your endpoint.',
    )
  else if (opts.target?.url.startsWith('http://'))
    limits.push(
      'The target is plain http://: Entra connects only over HTTPS with TLS 1.2 or later, so it cannot be ready.',
    )
  else if (opts.target?.privateCa)
    limits.push(
      `The target's TLS certificate is trusted only through ${opts.target.privateCa.via}: Entra trusts only publicly trusted certificates and will not connect, so it cannot be ready.`,
    )
  return { complete: incomplete.length === 0, judged, total, limits }
}

const uniqueMarks = (checks: readonly CheckResult[]): string[] => [
  ...new Set(
    checks.map(
      (c) => `${c.id}: ${c.outcome}${c.severity === 'gallery' && c.outcome === 'warned' ? ' (gallery warning)' : ''}`,
    ),
  ),
]

/** A requirement judged by catalog checks: not met when one of them (Entra or Gallery level) did not pass. */
function fromChecks(
  base: Omit<GalleryItem, 'status' | 'basis'>,
  checks: readonly CheckResult[],
  untested: string,
  fix: string,
): GalleryItem {
  const counted = checks.filter((c) => c.severity !== 'rfc' && JUDGED.has(c.outcome))
  if (counted.length === 0) return { ...base, status: 'not-tested', basis: [], next: untested }
  const bad = counted.filter(notPassed)
  if (bad.length) return { ...base, status: 'not-met', basis: uniqueMarks(bad), next: fix }
  return { ...base, status: 'met', basis: [`${new Set(counted.map((c) => c.id)).size} checks passed`] }
}

function oauthItem(checks: readonly CheckResult[], opts: VerdictOptions): GalleryItem {
  const base = {
    id: 'oauth' as const,
    requirement:
      'OAuth 2.0 client credentials (a client secret customers can rotate, or workload identity federation), with access tokens of 60 minutes to 6 hours and expires_in in the token answer',
    source: galleryChecklist('2.2.6'),
  }
  const how =
    'client credentials are required for gallery onboarding: run with --token-url, --client-id and --client-secret (SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET), or --wif-key for workload identity federation'
  if (opts.oauthTested === false) {
    const secret = 'the run authenticated with a long-lived secret token'
    if (opts.gallery)
      return { ...base, status: 'not-met', basis: [`client credentials are required; ${secret}`], next: how }
    return {
      ...base,
      status: 'not-tested',
      basis: [secret],
      next: 'run with --token-url, --client-id and --client-secret (SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)',
    }
  }
  if (opts.oauthTested === undefined) return { ...base, status: 'not-tested', basis: [], next: how }
  const item = fromChecks(
    base,
    checks.filter((c) => c.id.startsWith('authentication/')),
    how,
    'fix the failing Authentication checks',
  )
  const m = opts.authMethods
  if (item.status !== 'met' || !m) return item
  // Either method meets the requirement; the item says which one the run showed.
  const shown = [
    m.clientSecret ? 'a client secret' : '',
    m.federation ? 'workload identity federation (a signed client assertion)' : '',
  ].filter(Boolean)
  const basis = [`shown with ${shown.join(' and ')}`, ...item.basis]
  if (m.clientSecret && !m.secondSecret) {
    return {
      ...base,
      status: 'not-tested',
      basis: [...basis, 'secret rotation not tested'],
      next: 'pass a second active secret of the client with --client-secret-2 (SCIM_CLIENT_SECRET_2): the run shows that both get tokens that work (Microsoft requires secret rotation for gallery apps)',
    }
  }
  return { ...item, basis }
}

function groupsItem(checks: readonly CheckResult[], opts: VerdictOptions): GalleryItem {
  const base = {
    id: 'groups' as const,
    requirement: 'Group provisioning (create, update members, delete)',
    source: entra('gallery-requirements'),
  }
  if (opts.groupsDisabled)
    return {
      ...base,
      status: 'not-met',
      basis: ['--no-groups: the group flows were not run'],
      next: 'Microsoft requires group provisioning for gallery apps: serve /Groups and run without --no-groups',
    }
  const groups = checks.filter((c) => isGroupFlow(c.flow))
  if (!opts.groupsTested)
    return {
      ...base,
      status: 'not-tested',
      basis: [],
      next: 'run the write flows (without --read-only) to test groups',
    }
  return fromChecks(
    base,
    groups,
    "run the group flows (without --only, or --only 'create-group' --only 'update-group-*')",
    'fix the failing group checks',
  )
}

function httpsItem(opts: VerdictOptions): GalleryItem {
  const base = {
    id: 'https' as const,
    requirement: 'HTTPS with TLS 1.2 or later',
    source: entra('tutorial', 'security-requirements'),
  }
  const t = opts.target
  if (!t) return { ...base, status: 'not-tested', basis: [], next: 'run against the https:// URL Entra will use' }
  if (t.embedded)
    return {
      ...base,
      status: 'not-tested',
      basis: ['the built-in endpoint speaks plain HTTP on loopback'],
      next: 'run against the https:// URL Entra will use',
    }
  if (t.url.startsWith('http://'))
    return {
      ...base,
      status: 'not-met',
      basis: [`the target is ${new URL(t.url).origin}`],
      next: 'serve the endpoint over HTTPS with TLS 1.2 or later; Entra will not connect to http://',
    }
  if (!t.tls)
    return {
      ...base,
      status: 'not-tested',
      basis: t.tlsNote ? [t.tlsNote] : [],
      next: 'connect to the endpoint directly (no proxy) so the TLS version can be read',
    }
  const ok = t.tls === 'TLSv1.2' || t.tls === 'TLSv1.3'
  const basis = [`negotiated ${t.tls}${t.insecure ? '; the certificate was not verified (--insecure)' : ''}`]
  if (!ok) return { ...base, status: 'not-met', basis, next: 'turn on TLS 1.2 or later on the endpoint' }
  if (t.insecure)
    return { ...base, status: 'not-tested', basis, next: 'run without --insecure: Entra verifies the certificate' }
  // Entra trusts only publicly trusted certificates: one a private CA or a self-signed certificate vouches for fails its TLS handshake.
  if (t.privateCa)
    return {
      ...base,
      status: 'not-met',
      basis: [...basis, privateTrustBasis(t.privateCa)],
      next: 'serve a certificate from a publicly trusted CA: Entra trusts no other',
    }
  return { ...base, status: 'met', basis }
}

function rateItem(opts: VerdictOptions): GalleryItem {
  const base = {
    id: 'rate' as const,
    requirement: `At least ${GALLERY_RATE} requests per second per tenant`,
    source: entra('gallery-requirements'),
  }
  const r = opts.rate
  if (!r) {
    return {
      ...base,
      status: 'not-tested',
      basis: [],
      next: 'run with --gallery (a short, bounded burst of Test Connection queries), or measure an initial cycle with `scim-preflight load` and pass its load.json with --load-report',
    }
  }
  const rps = Math.round(r.measured * 10) / 10
  const basis = [`${rps} req/s${r.source ? ` (${r.source})` : ''}${r.failed ? `; ${r.failed} request(s) failed` : ''}`]
  if (r.measured >= r.required && !r.failed) return { ...base, status: 'met', basis }
  return {
    ...base,
    status: 'not-met',
    basis,
    next: `sustain ${r.required} requests per second without errors (measure with \`scim-preflight load\`)`,
  }
}

const GALLERY_NAMES: Record<GalleryItem['id'], string> = {
  oauth: 'OAuth client credentials',
  schemas: 'schema discovery',
  groups: 'groups',
  https: 'HTTPS (TLS 1.2+)',
  rate: `${GALLERY_RATE} req/s`,
  validator: 'SCIM Validator tests',
}

/** A requirement that spans the whole suite is not shown met by part of it. */
function wholeSuite(opts: VerdictOptions, item: GalleryItem): GalleryItem {
  if (item.status !== 'met' || !opts.scope?.incomplete.length) return item
  return {
    ...item,
    status: 'not-tested',
    basis: [...item.basis, 'but the run was incomplete'],
    next: 'run the whole suite (without --only/--skip, and let it finish)',
  }
}

function galleryChecklistOf(checks: readonly CheckResult[], opts: VerdictOptions): GalleryChecklist {
  const items: GalleryItem[] = [
    oauthItem(checks, opts),
    fromChecks(
      {
        id: 'schemas',
        requirement:
          'Schema discovery: /Schemas (and /ResourceTypes, /ServiceProviderConfig) describing every mapped attribute',
        source: entra('gallery-requirements'),
      },
      checks.filter((c) => c.id.startsWith('discovery/')),
      "run the Schema discovery flow (e.g. --only 'discovery/*')",
      "fix the failing discovery checks: Microsoft's validation requires every mapped attribute in /Schemas",
    ),
    groupsItem(checks, opts),
    httpsItem(opts),
    rateItem(opts),
    wholeSuite(
      opts,
      fromChecks(
        {
          id: 'validator',
          requirement:
            "What Microsoft's SCIM Validator and validation tests check (users, manager, disable, empty values, paging, groups)",
          source: msValidation('test overview'),
        },
        checks.filter((c) => !c.id.startsWith('discovery/') && !c.id.startsWith('authentication/')),
        'run the whole suite (without --only/--skip)',
        'fix the failing checks listed; each cites the validation test it mirrors',
      ),
    ),
  ]
  const met = items.every((i) => i.status === 'met')
  const of = (s: GalleryItem['status']) => items.filter((i) => i.status === s).map((i) => GALLERY_NAMES[i.id])
  const text = met
    ? `Gallery onboarding requirements met: ${of('met').join(', ')}`
    : `Gallery onboarding: ${of('met').length} of ${items.length} requirements met${of('not-met').length ? `; not met: ${of('not-met').join(', ')}` : ''}${of('not-tested').length ? `; not tested: ${of('not-tested').join(', ')}` : ''}`
  // With --gallery a requirement not met fails the run; so does one not tested against a real target (the built-in endpoint cannot show HTTPS).
  const enforced = opts.gallery === true
  const failsRun =
    enforced && items.some((i) => i.status === 'not-met' || (i.status === 'not-tested' && !opts.target?.embedded))
  return { met, enforced, failsRun, text, items }
}

const FAIL_PREFIX = {
  entra: 'Entra provisioning will fail',
  security: 'Security defect',
  gallery: 'Not ready for the Entra app gallery',
  rfc: 'Fails the RFC rules (--strict)',
} as const

/** The verdict: nothing that was not judged may print "Ready for Entra"; a waived failure keeps the run from being ready. */
export function computeVerdict(checks: readonly CheckResult[], opts: VerdictOptions): Verdict {
  const scope = scopeOf(checks, opts)
  const gallery = galleryChecklistOf(checks, opts)
  const v = (kind: Verdict['kind'], headline: string): Verdict => ({ kind, headline, scope, gallery })
  const firstFailed =
    checks.find((c) => c.outcome === 'failed' && c.severity === 'entra') ?? checks.find((c) => c.outcome === 'failed')
  if (firstFailed) {
    // The headline names the worst cause, at the level of the check that shows it.
    const worst = worstCause(checks)
    const shown = checks.find((c) => c.outcome === 'failed' && c.id === worst?.checks[0]?.id) ?? firstFailed
    return v('fails', `${FAIL_PREFIX[shown.severity]}: ${worst?.title ?? firstFailed.flow}`)
  }
  if (gallery.failsRun) {
    const unmet = gallery.items.find((i) => i.status === 'not-met') ?? gallery.items.find((i) => i.status !== 'met')!
    const why = unmet.basis.length ? ` (${unmet.basis.join('; ')})` : ''
    return v(
      'fails',
      `${FAIL_PREFIX.gallery}: ${GALLERY_NAMES[unmet.id]} ${unmet.status === 'not-met' ? 'not met' : 'not tested'}${why}`,
    )
  }
  const warned = checks.some((c) => c.outcome === 'warned' || c.outcome === 'waived')
  const withWarnings = warned ? ', with warnings' : ''
  // Nothing judged is no verdict at all, whatever was asked for: it fails the run (cli/run.ts) instead of passing it.
  if (scope.judged === 0)
    return v('incomplete', `Nothing judged: none of the ${scope.total} checks reached a verdict${withWarnings}`)
  if (!scope.complete)
    return v(
      'incomplete',
      `Incomplete run: no failure in the ${scope.judged} of ${scope.total} checks judged${withWarnings}`,
    )
  if (opts.target?.embedded)
    return v(
      'not-ready',
      `Built-in reference endpoint: no check failed${withWarnings} (a demonstration, not a verdict on your server)`,
    )
  if (opts.target?.url.startsWith('http://'))
    return v(
      'not-ready',
      `Not ready for Entra: the target is plain http://, and Entra connects only over HTTPS${withWarnings ? ' (no check failed, with warnings)' : ' (no check failed)'}`,
    )
  if (opts.target?.privateCa)
    return v(
      'not-ready',
      `Not ready for Entra: the certificate is trusted only through ${opts.target.privateCa.via}, and Entra trusts only publicly trusted certificates${withWarnings ? ' (no check failed, with warnings)' : ' (no check failed)'}`,
    )
  if (warned) return v('warnings', 'Works with Entra, with warnings')
  return v('ready', 'Ready for Entra')
}
