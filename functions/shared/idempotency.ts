import { createHash, randomUUID } from 'node:crypto';
import { db } from '../data/service.js';
import { isConditionFailure } from '../data/transaction.js';
import { ConflictError, DomainRuleError, ValidationError } from './errors.js';

/** A response as the adapter sends it and this module stores it for replay. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** How long a first request may run before a repeat may take its key over. */
const LOCK_MS = 60_000;
/**
 * Claim attempts per request: a claim can vanish between our failed create and our read (its
 * request failed, or it lapsed and was taken over) at most a few times before someone holds it.
 */
const MAX_CLAIM_ATTEMPTS = 3;

/** Whose key this is: the same key from another user, or on another route, is another request. */
export interface IdempotencyScope {
  /** The tenant id (or platform/public scope): the record's partition, so it stays in the tenant's keys. */
  partition: string;
  /** The caller within the partition: a user id, an admin id, a source IP. */
  principal: string;
  /** `METHOD /path/{template}` */
  route: string;
}

/**
 * The stored key: a digest of principal, route and the client's key. ElectroDB lowercases key
 * values, which would make `ABC` and `abc` one key; a hex digest keeps them apart and bounds the length.
 */
const recordKey = (scope: IdempotencyScope, key: string) =>
  createHash('sha256').update(`${scope.principal}\n${scope.route}\n${key}`).digest('hex');

/**
 * Runs an operation at most once per Idempotency-Key: the first result is stored and replayed for
 * repeats of the same request; a failure releases the key so the client can retry, and a claim
 * left pending by a crashed invocation lapses after a minute. Each claim carries a random token,
 * and a request only ever releases or completes the claim with its own token.
 */
export async function runOnce(
  scope: IdempotencyScope,
  key: string | undefined,
  fingerprint: string,
  run: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  if (!key) return run();
  if (key.length > 255) {
    throw new ValidationError('Idempotency-Key is too long', [
      { path: 'Idempotency-Key', message: 'At most 255 characters' },
    ]);
  }
  const requestHash = createHash('sha256').update(fingerprint).digest('base64url');
  const id = { scope: scope.partition, key: recordKey(scope, key) };
  const record = db.entities.idempotencyRecord;
  const claimToken: string = randomUUID();

  let claimed = false;
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS && !claimed; attempt++) {
    const ttl = Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS;
    try {
      await record
        .create({ ...id, requestHash, status: 'pending', claimToken, lockExpiresAt: Date.now() + LOCK_MS, ttl })
        .go();
      claimed = true;
      break;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Consistent: an eventually consistent read can miss the record whose create just beat ours.
    const existing = (await record.get(id).go({ consistent: true })).data;
    if (!existing) continue;
    if (existing.requestHash !== requestHash) {
      throw new DomainRuleError('This Idempotency-Key was already used for a different request');
    }
    if (existing.status === 'done') {
      return {
        status: existing.statusCode ?? 200,
        body: existing.body === undefined ? undefined : JSON.parse(existing.body),
        headers: { ...(existing.headers as Record<string, string> | undefined), 'idempotent-replayed': 'true' },
      };
    }
    if ((existing.lockExpiresAt ?? 0) > Date.now()) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress');
    }
    // A lapsed claim: remove exactly that claim (not one another repeat has just taken), then retry.
    await releaseClaim(id, existing.claimToken, existing.lockExpiresAt);
  }
  if (!claimed) throw new ConflictError('A request with this Idempotency-Key is still in progress');

  let response: ApiResponse;
  try {
    response = await run();
  } catch (error) {
    await releaseClaim(id, claimToken);
    throw error;
  }
  await record
    .patch(id)
    .set({
      status: 'done',
      statusCode: response.status,
      body: response.body === undefined ? undefined : JSON.stringify(response.body),
      headers: response.headers ?? {},
    })
    .where((attr, { eq }) => eq(attr.claimToken, claimToken))
    .go()
    .catch((error: unknown) => {
      // Our claim lapsed and a repeat took it over: the work is done, the repeat's answer will be stored.
      if (!isConditionFailure(error)) throw error;
    });
  return response;
}

/** Deletes a claim only while it is still the one named (by token, or by lock time for claims older than tokens). */
async function releaseClaim(
  id: { scope: string; key: string },
  claimToken: string | undefined,
  lockExpiresAt?: number,
): Promise<void> {
  await db.entities.idempotencyRecord
    .delete(id)
    .where((attr, { eq }) =>
      claimToken === undefined ? eq(attr.lockExpiresAt, lockExpiresAt ?? 0) : eq(attr.claimToken, claimToken),
    )
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}
