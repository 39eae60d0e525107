import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PLATFORM_SCOPE } from '../data/client.js';
import type { Db } from '../data/service.js';
import { isConditionFailure } from '../data/transaction.js';
import { lazy } from './lazy.js';
import type { SecretBox } from './secrets.js';

/**
 * Signed, expiring, purpose-bound tokens for links that carry no session: quote links, email
 * tracking, unsubscribe.
 *
 * A token is `{keyId}.{payload}.{expiry}.{mac}`, all base64url-safe: the payload is base64url
 * JSON, the expiry epoch seconds in base 36, the MAC HMAC-SHA256 over the format version, the
 * purpose, the key id, the payload and the expiry. The purpose is bound but not carried, so a
 * token minted for one purpose fails as invalid for any other. The MAC covers the encoded text
 * and is compared as text, in constant time, so no two spellings of a token both verify.
 *
 * Keys: random 32-byte secrets, each with a short random id, stored in the table sealed by the
 * secret box (KMS in the cloud, the key file under .local/ locally), bound to their scope and
 * id so a sealed value copied to another row will not open. The first signature creates the
 * first key. Each container caches the live keys for five minutes and reloads early when a
 * token names a key it has not seen (at most every ten seconds, so forged ids cannot hammer the
 * table). Rotation adds a key: new tokens use the newest, older ones keep verifying until their
 * key is retired, after which they fail as invalid (within the cache period elsewhere).
 *
 * Why not KMS GenerateMac: a KMS call per verified link (every tracked email open) costs more
 * and adds latency; the secret box opens each key once per cache period instead.
 */

/** What a token may be used for; a token verifies only for the purpose it was signed for. */
export type TokenPurpose = 'quote-link' | 'email-tracking' | 'unsubscribe';

/** The token is malformed, forged, tampered with, for another purpose, or its key is unknown or retired. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
  constructor() {
    super('This link is not valid');
  }
}

/** The token is genuine but past its expiry; `payload` is what it was signed with. */
export class ExpiredTokenError extends Error {
  override name = 'ExpiredTokenError';
  constructor(
    readonly payload: unknown,
    readonly expiredAt: Date,
  ) {
    super('This link has expired');
  }
}

/** One signing key; `createdAt` (ISO) orders them, the newest signs. */
export interface SigningKey {
  keyId: string;
  secret: Buffer;
  createdAt: string;
}

/** Where signing keys are kept. */
export interface SigningKeyStore {
  /** Every key not retired. */
  list(): Promise<SigningKey[]>;
  /** Creates and stores a new key; it signs from then on. */
  create(): Promise<SigningKey>;
  /** Stops a key verifying. */
  retire(keyId: string): Promise<void>;
}

export interface TokenSigner {
  /** A token for `purpose` carrying `payload` (JSON), valid for `expiresInSeconds`. */
  sign(purpose: TokenPurpose, payload: unknown, options: { expiresInSeconds: number }): Promise<string>;
  /** The payload of a valid token for `purpose`; throws InvalidTokenError or ExpiredTokenError. */
  verify<T = unknown>(purpose: TokenPurpose, token: string): Promise<T>;
  /** Adds a key that signs from now on; returns its id. */
  rotate(): Promise<string>;
  /** Retires a key: tokens it signed stop verifying. */
  retire(keyId: string): Promise<void>;
}

export interface SignerOptions {
  /** Epoch milliseconds (tests pin it). */
  now?: () => number;
  /** How long keys are cached before reloading (default five minutes). */
  cacheMs?: number;
  /** The least time between reloads prompted by an unknown key id (default ten seconds). */
  minReloadMs?: number;
}

const FORMAT = 'qf1';
const PART = /^[A-Za-z0-9_-]+$/;

const mac = (key: SigningKey, purpose: string, payload: string, expiry: string) =>
  createHmac('sha256', key.secret)
    .update(`${FORMAT}\n${purpose}\n${key.keyId}\n${payload}\n${expiry}`, 'utf8')
    .digest('base64url');

/** Equal-length strings compared without an early exit; a length mismatch reveals nothing secret. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signer over a key store, caching its keys per container. */
export function createTokenSigner(store: SigningKeyStore, options: SignerOptions = {}): TokenSigner {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const minReloadMs = options.minReloadMs ?? 10_000;
  let cache: { keys: Map<string, SigningKey>; newest: SigningKey; loadedAt: number } | undefined;
  let loading: Promise<NonNullable<typeof cache>> | undefined;

  const load = () =>
    (loading ??= (async () => {
      try {
        let keys = await store.list();
        if (keys.length === 0) keys = [await store.create()];
        const newest = keys.reduce((a, b) =>
          b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.keyId > a.keyId) ? b : a,
        );
        cache = { keys: new Map(keys.map((k) => [k.keyId, k])), newest, loadedAt: now() };
        return cache;
      } finally {
        loading = undefined;
      }
    })());
  const current = async () => (cache && now() - cache.loadedAt < cacheMs ? cache : load());

  async function keyFor(keyId: string): Promise<SigningKey | undefined> {
    const loaded = await current();
    const found = loaded.keys.get(keyId);
    if (found || now() - loaded.loadedAt < minReloadMs) return found;
    // Perhaps rotated in another container since this one loaded.
    return (await load()).keys.get(keyId);
  }

  return {
    async sign(purpose, payload, { expiresInSeconds }) {
      if (!Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) {
        throw new RangeError(`A token must expire: expiresInSeconds was ${expiresInSeconds}`);
      }
      const key = (await current()).newest;
      const body = Buffer.from(JSON.stringify(payload) ?? 'null', 'utf8').toString('base64url');
      const expiry = Math.ceil(now() / 1000 + expiresInSeconds).toString(36);
      return `${key.keyId}.${body}.${expiry}.${mac(key, purpose, body, expiry)}`;
    },

    async verify<T>(purpose: TokenPurpose, token: string): Promise<T> {
      const parts = typeof token === 'string' ? token.split('.') : [];
      if (parts.length !== 4 || !parts.every((p) => PART.test(p))) throw new InvalidTokenError();
      const [keyId, body, expiry, given] = parts as [string, string, string, string];
      const key = await keyFor(keyId);
      if (!key || !sameText(mac(key, purpose, body, expiry), given)) throw new InvalidTokenError();
      let payload: T;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
      } catch {
        throw new InvalidTokenError();
      }
      const expiresAt = parseInt(expiry, 36) * 1000;
      if (now() >= expiresAt) throw new ExpiredTokenError(payload, new Date(expiresAt));
      return payload;
    },

    async rotate() {
      const key = await store.create();
      await load();
      return key.keyId;
    },

    async retire(keyId) {
      await store.retire(keyId);
      await load();
    },
  };
}

/** A key store on the table: one item per key, its secret sealed by the secret box. */
export function tableKeyStore(
  db: Db,
  box: SecretBox,
  options: { scope?: string; now?: () => string } = {},
): SigningKeyStore {
  const scope = options.scope ?? PLATFORM_SCOPE;
  const now = options.now ?? (() => new Date().toISOString());
  const context = (keyId: string) => ({ scope, purpose: 'token-signing-key', keyId });
  const entity = db.entities.signingKey;

  const create = async (attempt = 0): Promise<SigningKey> => {
    const keyId = randomBytes(6).toString('base64url');
    const secret = randomBytes(32);
    const createdAt = now();
    try {
      const sealed = await box.seal(secret.toString('base64'), context(keyId));
      await entity.create({ scope, keyId, sealed, createdAt }).go();
    } catch (error) {
      // Two keys with one random 48-bit id: draw again.
      if (isConditionFailure(error) && attempt < 2) return create(attempt + 1);
      throw error;
    }
    return { keyId, secret, createdAt };
  };

  return {
    async list() {
      const { data } = await entity.query.byScope({ scope }).go({ pages: 'all' });
      return Promise.all(
        data
          .filter((k) => !k.retiredAt)
          .map(async (k) => ({
            keyId: k.keyId,
            secret: Buffer.from(await box.open(k.sealed, context(k.keyId)), 'base64'),
            createdAt: k.createdAt,
          })),
      );
    },
    create: () => create(),
    async retire(keyId) {
      await entity.patch({ scope, keyId }).set({ retiredAt: now() }).go();
    },
  };
}

// The deployment's signer: keys on the table, sealed by KMS or the local key file (needs `secrets:encrypt` and `secrets:decrypt`; the KMS grants also require a `tenantId` and `provider` context, which this context does not have yet).
const defaultSigner = lazy(async () => {
  const [{ db }, { secretBoxFromEnv }] = await Promise.all([import('../data/service.js'), import('./secrets.js')]);
  return createTokenSigner(tableKeyStore(db, secretBoxFromEnv()));
});

/** Signs a token for `purpose` with the platform's newest key. */
export const signToken = async (purpose: TokenPurpose, payload: unknown, options: { expiresInSeconds: number }) =>
  (await defaultSigner()).sign(purpose, payload, options);

/** Verifies a token for `purpose`: its payload, or InvalidTokenError / ExpiredTokenError. */
export const verifyToken = async <T = unknown>(purpose: TokenPurpose, token: string) =>
  (await defaultSigner()).verify<T>(purpose, token);

/** Adds a platform signing key that signs from now on (older keys keep verifying); returns its id. */
export const rotateSigningKey = async () => (await defaultSigner()).rotate();

/** Retires a platform signing key: the tokens it signed stop verifying. */
export const retireSigningKey = async (keyId: string) => (await defaultSigner()).retire(keyId);
