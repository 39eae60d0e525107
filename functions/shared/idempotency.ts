import { createHash } from 'node:crypto';
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
 * Runs an operation at most once per Idempotency-Key: the first result is stored and replayed for
 * repeats of the same request; a failure releases the key so the client can retry, and a claim
 * left pending by a crashed invocation lapses after a minute.
 */
export async function runOnce(
  scope: string,
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
  const ttl = Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS;
  const record = db.entities.idempotencyRecord;
  try {
    await record.create({ scope, key, requestHash, status: 'pending', lockExpiresAt: Date.now() + LOCK_MS, ttl }).go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = (await record.get({ scope, key }).go()).data;
    if (!existing) return runOnce(scope, key, fingerprint, run);
    if (existing.requestHash !== requestHash) {
      throw new DomainRuleError('This Idempotency-Key was already used for a different request');
    }
    if (existing.status === 'pending') {
      if ((existing.lockExpiresAt ?? 0) > Date.now()) {
        throw new ConflictError('A request with this Idempotency-Key is still in progress');
      }
      await record
        .delete({ scope, key })
        .where((attr, { eq }) => eq(attr.lockExpiresAt, existing.lockExpiresAt ?? 0))
        .go()
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      return runOnce(scope, key, fingerprint, run);
    }
    return {
      status: existing.statusCode ?? 200,
      body: existing.body === undefined ? undefined : JSON.parse(existing.body),
      headers: { ...(existing.headers as Record<string, string> | undefined), 'idempotent-replayed': 'true' },
    };
  }
  let response: ApiResponse;
  try {
    response = await run();
  } catch (error) {
    await record.delete({ scope, key }).go();
    throw error;
  }
  await record
    .patch({ scope, key })
    .set({
      status: 'done',
      statusCode: response.status,
      body: response.body === undefined ? undefined : JSON.stringify(response.body),
      headers: response.headers ?? {},
    })
    .go();
  return response;
}
