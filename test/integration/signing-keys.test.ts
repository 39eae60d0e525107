import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSecretBox } from '../../functions/shared/secrets.js';
import { unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { createTokenSigner, tableKeyStore, InvalidTokenError } = await import('../../functions/shared/signed-tokens.js');

const dir = mkdtempSync(join(tmpdir(), 'quoteflow-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A secret box over a fresh local key file, as the local cloud's `.local/secrets.key`. */
const newBox = () => {
  const file = join(dir, `${unique()}.key`);
  writeFileSync(file, randomBytes(32).toString('base64'));
  return fileSecretBox(file);
};

describe('signing keys on the table', () => {
  // Each test its own scope: the platform's keys are shared by everything else running.
  const scoped = () => `test-${unique()}`;
  const stored = async (scope: string) => (await db.entities.signingKey.query.byScope({ scope }).go()).data;

  it('creates one key on first use, stores it sealed, and a second container verifies with it', async () => {
    const scope = scoped();
    const box = newBox();
    const first = createTokenSigner(tableKeyStore(db, box, { scope }));
    const token = await first.sign('quote-link', { quoteId: 'Q1' }, { expiresInSeconds: 600 });
    await first.sign('unsubscribe', { email: 'x@y.test' }, { expiresInSeconds: 600 });

    const items = await stored(scope);
    expect(items).toHaveLength(1);
    expect(items[0]!.keyId).toBe(token.split('.')[0]);
    expect(items[0]!.sealed).toMatch(/^local:/);

    const second = createTokenSigner(tableKeyStore(db, box, { scope }));
    await expect(second.verify('quote-link', token)).resolves.toEqual({ quoteId: 'Q1' });
    expect(await stored(scope)).toHaveLength(1);
  });

  it('cannot verify or sign with the table alone: the keys open only with the secret box that sealed them', async () => {
    const scope = scoped();
    const signer = createTokenSigner(tableKeyStore(db, newBox(), { scope }));
    const token = await signer.sign('quote-link', { quoteId: 'Q1' }, { expiresInSeconds: 600 });
    const thief = createTokenSigner(tableKeyStore(db, newBox(), { scope }));
    await expect(thief.verify('quote-link', token)).rejects.toThrow();
    await expect(thief.sign('quote-link', { quoteId: 'Q2' }, { expiresInSeconds: 600 })).rejects.toThrow();
  });

  it('rotates across containers and retires a key for all of them', async () => {
    const scope = scoped();
    const box = newBox();
    let now = Date.now();
    const a = createTokenSigner(tableKeyStore(db, box, { scope }), { now: () => now });
    const b = createTokenSigner(tableKeyStore(db, box, { scope }), { now: () => now });
    const old = await a.sign('email-tracking', { m: 1 }, { expiresInSeconds: 3600 });
    await expect(b.verify('email-tracking', old)).resolves.toEqual({ m: 1 });

    const newKeyId = await a.rotate();
    const fresh = await a.sign('email-tracking', { m: 2 }, { expiresInSeconds: 3600 });
    expect(fresh.split('.')[0]).toBe(newKeyId);
    now += 11_000;
    await expect(b.verify('email-tracking', fresh)).resolves.toEqual({ m: 2 });
    await expect(b.verify('email-tracking', old)).resolves.toEqual({ m: 1 });

    await a.retire(old.split('.')[0]!);
    expect((await stored(scope)).filter((k) => !k.retiredAt).map((k) => k.keyId)).toEqual([newKeyId]);
    await expect(a.verify('email-tracking', old)).rejects.toBeInstanceOf(InvalidTokenError);
    now += 5 * 60_000;
    await expect(b.verify('email-tracking', old)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(b.verify('email-tracking', fresh)).resolves.toEqual({ m: 2 });
  });
});
