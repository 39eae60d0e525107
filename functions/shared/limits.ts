/**
 * Per-tenant limits, each a token bucket in the table (functions/shared/token-bucket.ts): `burst`
 * requests at once, refilled at `perSecond`. They keep one tenant from spending what every tenant
 * shares: the API's account-wide throttle (lib/cloud/api.ts, 100 req/s burst 200) and the
 * platform's provider keys.
 */
export interface TokenLimit {
  /** Tokens added back per second. */
  perSecond: number;
  /** Tokens a full bucket holds: what a tenant may spend at once after a quiet spell. */
  burst: number;
}

export const LIMITS = {
  /**
   * Tenant API routes. A busy SPA page loads 5–10 resources at once and a person clicks a few
   * times a second, so 100 at once and 20/s is far above any human; it keeps one tenant's script
   * to a fifth of the stage's 100 req/s, so at least four others are always served.
   */
  api: { perSecond: 20, burst: 100 },
  /**
   * Companies House requests (search, profile, officer pages). The platform key allows 600 per
   * 5 minutes = 2/s for everyone (functions/enrichment/companies-house-rate-limit.ts enforces that
   * per container, the server's 429 across containers); 0.4/s is a fifth of it, so no tenant can
   * starve the rest. 30 at once covers a burst of searching and a few directors lists (each up to
   * 6 requests) in a row.
   */
  companiesHouse: { perSecond: 0.4, burst: 30 },
  /**
   * OpenAI calls (not cache hits, not the offline provider). An analysis is two calls, so 20 at
   * once is ten analyses started together and 1/s is a stage analysed at one company every 2 s:
   * a shared platform key's few hundred requests a minute then serves many tenants at once.
   */
  openai: { perSecond: 1, burst: 20 },
} as const satisfies Record<string, TokenLimit>;
export type LimitName = keyof typeof LIMITS;

/**
 * `QUOTEFLOW_LIMITS` (JSON, e.g. `{"api":{"perSecond":1000,"burst":100000}}`) replaces some
 * limits. Only the local cloud sets it, for the test suite and the benchmark (which would
 * otherwise measure our own 429s); the cloud stack never does.
 */
const OVERRIDE_ENV = 'QUOTEFLOW_LIMITS';

let overrides: Partial<Record<LimitName, TokenLimit>> | undefined;

/** The limit in force for `name`. */
export function limitOf(name: LimitName): TokenLimit {
  overrides ??= JSON.parse(process.env[OVERRIDE_ENV] || '{}') as Partial<Record<LimitName, TokenLimit>>;
  return overrides[name] ?? LIMITS[name];
}
