import { beforeAll, describe, expect, inject, it } from 'vitest';
import { handlerEnvironment } from '../../lib/local/cloud.js';
import { portsFrom } from '../../lib/local/ports.js';
import { outputs, unique } from '../support/api.js';

// The handlers' environment: AWS_ENDPOINT_URL_S3 and DOCUMENTS_BUCKET point at the local cloud's s3rver.
Object.assign(process.env, handlerEnvironment(portsFrom(inject('portBase')), outputs.UserPoolId));
const { documentStore, DocumentKeyError } = await import('../../functions/shared/documents.js');
const { NotFoundError } = await import('../../functions/shared/errors.js');

/** Every byte value, so an encoding slip anywhere on the way shows. */
const pdfBytes = () =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

describe('documents on the local S3', () => {
  const tenantId = `T${unique()}`;
  const store = documentStore({ area: 'quotes', tenantId });
  const key = `quotes/${tenantId}/Q1/v1.pdf`;

  it('stores bytes with their content type and reads them back', async () => {
    await store.put(key, pdfBytes(), 'application/pdf');
    const got = await store.get(key);
    expect(Buffer.from(got.body).equals(pdfBytes())).toBe(true);
    expect(got.contentType).toBe('application/pdf');
  });

  it('answers a missing document with NotFoundError', async () => {
    await expect(store.get(`quotes/${tenantId}/never/v1.pdf`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives a presigned link that serves the bytes over plain HTTP, without credentials', async () => {
    await store.put(key, pdfBytes(), 'application/pdf');
    const url = await store.presignGet(key, { expiresInSeconds: 120 });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('120');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdfBytes())).toBe(true);
  });

  it('refuses an expired link', async () => {
    await store.put(key, pdfBytes(), 'application/pdf');
    const signedAnHourAgo = documentStore({ area: 'quotes', tenantId }, { now: () => new Date(Date.now() - 3600_000) });
    const res = await fetch(await signedAnHourAgo.presignGet(key, { expiresInSeconds: 60 }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('expired');
  });

  it("refuses keys outside the tenant's prefix, leaving the other tenant's document untouched", async () => {
    const otherTenant = `T${unique()}`;
    const other = documentStore({ area: 'quotes', tenantId: otherTenant });
    const otherKey = `quotes/${otherTenant}/Q9/v1.pdf`;
    await other.put(otherKey, 'theirs', 'text/plain');

    for (const bad of [
      otherKey,
      `quotes/${tenantId}/../${otherTenant}/Q9/v1.pdf`,
      `quotes/${tenantId}x/Q1/v1.pdf`,
      `quotes/${tenantId}//Q1.pdf`,
      `quotes/${tenantId}/`,
      `campaigns/${tenantId}/Q1/v1.pdf`,
      `quotes/${tenantId}/Q1\\..\\v1.pdf`,
    ]) {
      await expect(store.put(bad, 'mine', 'text/plain'), bad).rejects.toBeInstanceOf(DocumentKeyError);
      await expect(store.get(bad), bad).rejects.toBeInstanceOf(DocumentKeyError);
      await expect(store.presignGet(bad), bad).rejects.toBeInstanceOf(DocumentKeyError);
    }
    expect(Buffer.from((await other.get(otherKey)).body).toString()).toBe('theirs');
    expect(() => documentStore({ area: 'quotes', tenantId: '' })).toThrow(DocumentKeyError);
    expect(() => documentStore({ area: 'quotes', tenantId: '../x' })).toThrow(DocumentKeyError);
  });

  it('refuses link lifetimes S3 would not honour', async () => {
    for (const expiresInSeconds of [0, -5, 1.5, 604_801]) {
      await expect(store.presignGet(key, { expiresInSeconds })).rejects.toThrow(RangeError);
    }
  });
});

/* The local cloud's s3rver checks presigned signatures as S3 does (lib/local/s3-signatures.ts). */
describe('presigned links S3 would refuse', () => {
  const tenantId = `T${unique()}`;
  const store = documentStore({ area: 'quotes', tenantId });
  const key = `quotes/${tenantId}/Q1/v1.pdf`;
  const otherKey = `quotes/${tenantId}/Q2/v1.pdf`;

  beforeAll(async () => {
    await store.put(key, pdfBytes(), 'application/pdf');
    await store.put(otherKey, 'another quote', 'text/plain');
  });

  it('serves an untouched link', async () => {
    const res = await fetch(await store.presignGet(key));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdfBytes())).toBe(true);
  });

  it('refuses a link whose key, signature or lifetime was edited', async () => {
    const url = await store.presignGet(key, { expiresInSeconds: 60 });
    const otherObject = url.replace('/Q1/', '/Q2/');
    const forgedSignature = new URL(url);
    forgedSignature.searchParams.set('X-Amz-Signature', 'f'.repeat(64));
    const stretched = new URL(url);
    stretched.searchParams.set('X-Amz-Expires', '604800');

    for (const tampered of [otherObject, forgedSignature.href, stretched.href]) {
      const res = await fetch(tampered);
      expect(res.status, tampered).toBe(403);
      expect(await res.text()).toContain('SignatureDoesNotMatch');
    }
  });

  it('refuses an expired link whose lifetime was stretched to make it current again', async () => {
    const signedAnHourAgo = documentStore({ area: 'quotes', tenantId }, { now: () => new Date(Date.now() - 3600_000) });
    const expired = new URL(await signedAnHourAgo.presignGet(key, { expiresInSeconds: 60 }));
    expect((await fetch(expired)).status).toBe(403);
    expired.searchParams.set('X-Amz-Expires', '86400');
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
  });
});
