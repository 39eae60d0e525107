import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/bootstrap.js';
import { handlerEnvironment } from '../../lib/local/cloud.js';
import { portsFrom } from '../../lib/local/ports.js';
import { requireValidPresignedUrls } from '../../lib/local/s3-signatures.js';
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

/*
 * s3rver checks a link's expiry but not its SigV4 signature, so tampered links are checked against
 * an s3rver with the signature check lib/local/s3-signatures.ts adds (as the local cloud should run it).
 */
describe('presigned links S3 would refuse', () => {
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver');
  const dir = mkdtempSync(join(tmpdir(), 'quoteflow-s3-'));
  const bucket = 'documents';
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  server.middleware.unshift(requireValidPresignedUrls(LOCAL_CREDENTIALS));
  let client: S3Client;
  let store: ReturnType<typeof documentStore>;
  const tenantId = `T${unique()}`;
  const key = `quotes/${tenantId}/Q1/v1.pdf`;
  const otherKey = `quotes/${tenantId}/Q2/v1.pdf`;

  beforeAll(async () => {
    const { port } = await server.run();
    client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    store = documentStore({ area: 'quotes', tenantId }, { bucket, client });
    await store.put(key, pdfBytes(), 'application/pdf');
    await store.put(otherKey, 'another quote', 'text/plain');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
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
    const signedAnHourAgo = documentStore(
      { area: 'quotes', tenantId },
      { bucket, client, now: () => new Date(Date.now() - 3600_000) },
    );
    const expired = new URL(await signedAnHourAgo.presignGet(key, { expiresInSeconds: 60 }));
    expect((await fetch(expired)).status).toBe(403);
    expired.searchParams.set('X-Amz-Expires', '86400');
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
  });
});
