import { db as tableDb, type Db } from '../data/service.js';
import { isConditionFailure } from '../data/transaction.js';
import type { AdminContext, PublicContext, TenantContext } from './auth-context.js';
import { HttpError } from './errors.js';
import { limitOf, type LimitName, type TokenLimit } from './limits.js';

const WHAT: Record<LimitName, string> = {
  api: 'requests to the API',
  companiesHouse: 'Companies House lookups',
  openai: 'AI calls',
};

/** 429: this tenant has spent one of its token buckets; `Retry-After` says when a token is back. */
export class TenantRateLimitedError extends HttpError {
  override name = 'TenantRateLimitedError';
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
    rule: TokenLimit,
  ) {
    super(
      429,
      'https://quoteflow.app/problems/rate-limited',
      'Too many requests',
      `Your workspace may make ${rule.burst} ${WHAT[limit]} at once and ${rule.perSecond} a second after that: try again in ${retryAfterSeconds} s`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export interface TakeOptions {
  /** Tokens this call spends; 1 unless said. */
  cost?: number;
  /** Background work may take a token that frees up within this long and wait for it; requests wait 0. */
  maxWaitMs?: number;
  /** Epoch ms; injected so tests control time. */
  now?: () => number;
  /** Replaces the limit in force (functions/shared/limits.ts). */
  limit?: TokenLimit;
  db?: Db;
}

/** A race between the two conditional writes is rare; past this many, the tenant is plainly busy. */
const MAX_ATTEMPTS = 5;

/** Last `fullAt` this container saw per bucket: picks which of the two writes is likely to land first. */
const lastSeen = new Map<string, number>();

/**
 * Takes `cost` tokens from the tenant's bucket for `name` with GCRA: the bucket is one time,
 * `fullAt`, and taking a token moves it one interval (1 / perSecond) later, from now if it is in
 * the past. A take is allowed while `fullAt` stays within `burst` intervals (plus `maxWaitMs`) of
 * now. Both writes are conditional on what they assume, so concurrent takes cannot overspend:
 * DynamoDB applies them one at a time and refuses the one that would pass the limit.
 * Returns how long to wait before using the token (0 unless `maxWaitMs` allowed a wait);
 * throws TenantRateLimitedError when none is available in time.
 */
export async function takeToken(tenantId: string, name: LimitName, options: TakeOptions = {}): Promise<number> {
  const limit = options.limit ?? limitOf(name);
  const bucket = (options.db ?? tableDb).entities.tokenBucket;
  const clock = options.now ?? Date.now;
  const interval = 1000 / limit.perSecond;
  const burstMs = limit.burst * interval;
  const spend = (options.cost ?? 1) * interval;
  const allowance = burstMs + (options.maxWaitMs ?? 0);
  const key = { tenantId, bucket: name };
  const hint = `${tenantId}\n${name}`;
  const refused = (fullAt: number, now: number) =>
    new TenantRateLimitedError(name, Math.max(1, Math.ceil((fullAt + spend - now - burstMs) / 1000)), limit);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = clock();
    // The item outlives the latest fullAt a take can leave; after that a missing bucket is a full one.
    const ttl = Math.ceil((now + allowance) / 1000) + 60;
    const whenBusy = async () => {
      // fullAt is in the future: push it later only if it stays within the allowance.
      const { data } = await bucket
        .update(key)
        .add({ fullAt: spend })
        .set({ ttl })
        .where((a, op) => `${op.gt(a.fullAt, now)} AND ${op.lte(a.fullAt, now + allowance - spend)}`)
        .go({ response: 'all_new' });
      return data.fullAt!;
    };
    const whenFull = async () => {
      // fullAt has passed (or the bucket was never used): the bucket is full, start from now.
      if (spend > allowance) throw refused(now, now);
      await bucket
        .update(key)
        .set({ fullAt: now + spend, ttl })
        .where((a, op) => `${op.notExists(a.fullAt)} OR ${op.lte(a.fullAt, now)}`)
        .go();
      return now + spend;
    };
    const order = (lastSeen.get(hint) ?? 0) > now ? [whenBusy, whenFull] : [whenFull, whenBusy];
    for (const write of order) {
      try {
        const fullAt = await write();
        lastSeen.set(hint, fullAt);
        return Math.max(0, fullAt - now - burstMs);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    const { data } = await bucket.get(key).go({ consistent: true });
    if (data) lastSeen.set(hint, data.fullAt);
    if (data && data.fullAt > now && data.fullAt + spend - now > allowance) throw refused(data.fullAt, now);
    // Neither condition held when its write ran, but one holds now: the bucket moved in between.
  }
  throw refused(clock() + burstMs, clock());
}

/** The API's per-tenant limit, taken once per tenant request; admin and public callers have their own limits. */
export async function takeApiToken(ctx: TenantContext | AdminContext | PublicContext): Promise<void> {
  if (ctx.kind === 'tenant') await takeToken(ctx.tenantId, 'api');
}

/**
 * A token of the tenant's share of an external provider, before each request to it. Background
 * work passes `maxWaitMs` and sleeps for a token that frees up soon; requests refuse with 429.
 */
export async function takeProviderToken(
  tenantId: string,
  provider: Exclude<LimitName, 'api'>,
  options: { maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const wait = await takeToken(tenantId, provider, { maxWaitMs: options.maxWaitMs });
  if (wait > 0) await (options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(wait);
}
