import { randomBytes } from 'node:crypto';
import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Spied on so the test can see which comparison verification uses (never timed).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { createTokenSigner, ExpiredTokenError, InvalidTokenError } =
  await import('../../functions/shared/signed-tokens.js');
type SigningKey = import('../../functions/shared/signed-tokens.js').SigningKey;

/** The table store's behaviour in memory, counting reads. */
function memoryStore() {
  const keys: (SigningKey & { retired?: boolean })[] = [];
  let clock = 0;
  const store = {
    lists: 0,
    keys,
    async list() {
      store.lists++;
      return keys.filter((k) => !k.retired);
    },
    async create() {
      const key = {
        keyId: randomBytes(6).toString('base64url'),
        secret: randomBytes(32),
        createdAt: new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString(),
      };
      keys.push(key);
      return key;
    },
    async retire(keyId: string) {
      keys.find((k) => k.keyId === keyId)!.retired = true;
    },
  };
  return store;
}

const quote = { tenantId: '01JTENANTAAAAAAAAAAAAAAAAA', quoteId: '01JQUOTEAAAAAAAAAAAAAAAAAA', version: 3 };
const HOUR = 3600;

/** The token with one character of part `index` changed. */
const tamper = (token: string, index: number, at = 0) => {
  const parts = token.split('.');
  const part = parts[index]!;
  const c = part[at]!;
  parts[index] = part.slice(0, at) + (c === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
};

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

describe('signed tokens', () => {
  it('round-trips a payload in a compact, URL-safe token', async () => {
    const signer = createTokenSigner(memoryStore());
    const token = await signer.sign('quote-link', quote, { expiresInSeconds: 30 * 24 * HOUR });
    expect(token).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){3}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(200);
    await expect(signer.verify('quote-link', token)).resolves.toEqual(quote);
  });

  it('refuses a token signed for another purpose as invalid', async () => {
    const signer = createTokenSigner(memoryStore());
    const unsubscribe = await signer.sign('unsubscribe', { email: 'a@b.test' }, { expiresInSeconds: HOUR });
    await expect(signer.verify('email-tracking', unsubscribe)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(signer.verify('quote-link', unsubscribe)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(signer.verify('unsubscribe', unsubscribe)).resolves.toEqual({ email: 'a@b.test' });
  });

  it('says a genuine token expired (with its payload), and only once its time is up', async () => {
    let now = Date.UTC(2026, 5, 1);
    const signer = createTokenSigner(memoryStore(), { now: () => now });
    const token = await signer.sign('quote-link', quote, { expiresInSeconds: HOUR });
    now += HOUR * 1000 - 1000;
    await expect(signer.verify('quote-link', token)).resolves.toEqual(quote);
    now += 1000;
    const error = await signer.verify('quote-link', token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpiredTokenError);
    expect(error).toMatchObject({ payload: quote, expiredAt: new Date(Date.UTC(2026, 5, 1) + HOUR * 1000) });
  });

  it('refuses any change to the key id, payload, expiry or signature as invalid, never as expired', async () => {
    let now = Date.UTC(2026, 5, 1);
    const signer = createTokenSigner(memoryStore(), { now: () => now });
    const token = await signer.sign('quote-link', quote, { expiresInSeconds: 60 });
    const other = await signer.sign('quote-link', { ...quote, quoteId: 'someone-elses' }, { expiresInSeconds: 60 });
    const [keyId, , expiry, signature] = token.split('.') as [string, string, string, string];
    now += 120_000; // expired: a tampered token must still say invalid, not reveal the expiry
    const stretched = [keyId, token.split('.')[1], (parseInt(expiry, 36) + 86_400).toString(36), signature].join('.');
    const swappedPayload = [keyId, other.split('.')[1], expiry, signature].join('.');
    const tampered = [
      stretched,
      swappedPayload,
      tamper(token, 0),
      tamper(token, 1, 5),
      ...Array.from({ length: signature.length }, (_, i) => tamper(token, 3, i)),
      token.slice(0, -1),
      `${token}A`,
      `${token}.extra`,
      token.replace(/\./g, '~'),
      '',
    ];
    for (const t of tampered) {
      await expect(signer.verify('quote-link', t), t).rejects.toBeInstanceOf(InvalidTokenError);
    }
  });

  it('refuses a token naming a key it does not know, after looking once for a newer key', async () => {
    const store = memoryStore();
    let now = Date.UTC(2026, 5, 1);
    const signer = createTokenSigner(store, { now: () => now });
    const token = await signer.sign('quote-link', quote, { expiresInSeconds: HOUR });
    const stranger = createTokenSigner(memoryStore(), { now: () => now });
    const foreign = await stranger.sign('quote-link', quote, { expiresInSeconds: HOUR });
    const readsBefore = store.lists;

    now += 60_000;
    await expect(signer.verify('quote-link', foreign)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(signer.verify('quote-link', foreign)).rejects.toBeInstanceOf(InvalidTokenError);
    // A flood of forged key ids reloads the keys at most once per ten seconds.
    expect(store.lists - readsBefore).toBe(1);
    await expect(signer.verify('quote-link', token)).resolves.toEqual(quote);
  });

  it('creates the first key on first use, once, and every container signs with it', async () => {
    const store = memoryStore();
    const a = createTokenSigner(store);
    const b = createTokenSigner(store);
    const fromA = await a.sign('email-tracking', { m: 1 }, { expiresInSeconds: HOUR });
    const fromB = await b.sign('email-tracking', { m: 2 }, { expiresInSeconds: HOUR });
    expect(store.keys).toHaveLength(1);
    expect(fromA.split('.')[0]).toBe(store.keys[0]!.keyId);
    expect(fromB.split('.')[0]).toBe(store.keys[0]!.keyId);
    await expect(b.verify('email-tracking', fromA)).resolves.toEqual({ m: 1 });
  });

  it('rotates: new tokens use the new key, old ones verify until their key is retired', async () => {
    const store = memoryStore();
    let now = Date.UTC(2026, 5, 1);
    const signer = createTokenSigner(store, { now: () => now });
    const elsewhere = createTokenSigner(store, { now: () => now });
    const old = await signer.sign('quote-link', quote, { expiresInSeconds: 24 * HOUR });
    await elsewhere.verify('quote-link', old);
    const oldKeyId = old.split('.')[0]!;

    const newKeyId = await signer.rotate();
    expect(newKeyId).not.toBe(oldKeyId);
    const fresh = await signer.sign('quote-link', quote, { expiresInSeconds: 24 * HOUR });
    expect(fresh.split('.')[0]).toBe(newKeyId);
    await expect(signer.verify('quote-link', old)).resolves.toEqual(quote);
    // Another container whose cache predates the rotation still verifies tokens of the new key.
    now += 11_000;
    await expect(elsewhere.verify('quote-link', fresh)).resolves.toEqual(quote);

    await signer.retire(oldKeyId);
    await expect(signer.verify('quote-link', old)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(signer.verify('quote-link', fresh)).resolves.toEqual(quote);
    // Others stop accepting it once their cache (five minutes) runs out.
    now += 5 * 60_000;
    await expect(elsewhere.verify('quote-link', old)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses to sign a token that never expires', async () => {
    const signer = createTokenSigner(memoryStore());
    for (const expiresInSeconds of [0, -1, Infinity, NaN]) {
      await expect(signer.sign('quote-link', quote, { expiresInSeconds })).rejects.toThrow(RangeError);
    }
  });

  it('compares signatures with timingSafeEqual on equal-length buffers, for right and wrong ones alike', async () => {
    const signer = createTokenSigner(memoryStore());
    const token = await signer.sign('quote-link', quote, { expiresInSeconds: HOUR });
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();

    await signer.verify('quote-link', token);
    await signer.verify('quote-link', tamper(token, 3, 10)).catch(() => undefined);
    await signer.verify('unsubscribe', token).catch(() => undefined);

    expect(compare).toHaveBeenCalledTimes(3);
    for (const [a, b] of compare.mock.calls) {
      expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
      expect((a as Buffer).length).toBe((b as Buffer).length);
    }
    expect(compare.mock.results.map((r) => r.value)).toEqual([true, false, false]);
  });
});
