import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handlerEnvironment } from '../../lib/local/cloud.js';
import { portsFrom } from '../../lib/local/ports.js';
import { newMember, newTenant, outputs, unique, type Client } from '../support/api.js';
import { sectionedDocument } from '../support/quote-documents.js';

// brandingForDocument runs in this process, as the PDF function will: against the local cloud.
Object.assign(process.env, handlerEnvironment(portsFrom(inject('portBase')), outputs.UserPoolId));
const { brandingForDocument } = await import('../../functions/settings/branding.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');
const { renderQuotePdf } = await import('../../functions/quote-pdf/render.js');

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const valid = { accentColour: '#1d4ed8', addressLines: ['1 Market Street', 'Łódź 90-001'], footerTerms: 'Net 30.' };

const png = await QRCode.toBuffer('https://northwind.example', { width: 160 });
/** A real PNG's start and end around 600 KB of padding: looks like a PNG, too big to be a logo. */
const bigPng = Buffer.concat([
  png.subarray(0, png.length - 12),
  Buffer.alloc(600 * 1024),
  png.subarray(png.length - 12),
]);

/** Uploads bytes through the presigned PUT the API hands out; answers the upload key. */
async function upload(owner: Client, bytes: Uint8Array | string, contentType = 'image/png'): Promise<string> {
  const res = await owner.post('/v1/settings/branding/logo-uploads', { contentType });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ method: 'PUT', headers: { 'content-type': contentType }, maxBytes: 512 * 1024 });
  const body = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body });
  expect(put.status).toBe(200);
  return res.body.uploadKey;
}

const tenantIdOf = async (owner: Client) => String((await owner.get('/v1/me')).body.tenant.tenantId);

let owner: Client;
let other: Client;
const dir = mkdtempSync(join(tmpdir(), 'branding-'));
beforeAll(async () => {
  [{ owner }, { owner: other }] = await Promise.all([newTenant('Brand Co'), newTenant('Other Brand Co')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tenant branding', () => {
  it('starts from the defaults, saves on If-Match, and is read by everyone but changed only by owners and admins', async () => {
    const before = (await owner.get('/v1/settings/branding')).body;
    expect(before).toMatchObject({
      configured: false,
      accentColour: '#0B6E4F',
      addressLines: [],
      footerTerms: '',
      logo: null,
    });
    expect(before.name).toMatch(/^Brand Co /);

    expect((await owner.put('/v1/settings/branding', valid)).status).toBe(428);
    const saved = await owner.put('/v1/settings/branding', valid, ifMatch(before.version));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      accentColour: '#1D4ED8',
      addressLines: valid.addressLines,
      footerTerms: 'Net 30.',
      version: before.version + 1,
    });
    expect((await owner.get('/v1/settings/branding')).body).toEqual(saved.body);

    const stale = await owner.put('/v1/settings/branding', { ...valid, footerTerms: 'Stale' }, ifMatch(before.version));
    expect(stale.status).toBe(409);
    const sales = await newMember(owner, 'sales');
    const bySales = await sales.client.put('/v1/settings/branding', valid, ifMatch(saved.body.version));
    expect(bySales.status).toBe(403);
    const viewer = await newMember(owner, 'viewer');
    // Inviting bumped the workspace's version, not the branding.
    expect((await viewer.client.get('/v1/settings/branding')).body).toMatchObject({ footerTerms: 'Net 30.' });
    const admin = await newMember(owner, 'admin');
    const current = (await admin.client.get('/v1/settings/branding')).body;
    const byAdmin = await admin.client.put(
      '/v1/settings/branding',
      { ...valid, footerTerms: 'By the admin' },
      ifMatch(current.version),
    );
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.footerTerms).toBe('By the admin');
  });

  it('refuses a colour that is not #RRGGBB or too light to read on white, naming the field, and writes nothing', async () => {
    const current = (await owner.get('/v1/settings/branding')).body;
    for (const accentColour of ['#12345', 'red', '1D4ED8', '#GGGGGG', 12, '#FFFFFF', '#FFEB3B']) {
      const bad = await owner.put('/v1/settings/branding', { ...valid, accentColour }, ifMatch(current.version));
      expect(bad.status, String(accentColour)).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'accentColour' }));
    }
    const tooLight = await owner.put(
      '/v1/settings/branding',
      { ...valid, accentColour: '#FFEB3B' },
      ifMatch(current.version),
    );
    expect(tooLight.body.errors[0].message).toMatch(/Too light to read on white \(contrast 1\.\d:1; at least 3:1\)/);
    const tooMany = await owner.put(
      '/v1/settings/branding',
      { ...valid, addressLines: Array.from({ length: 7 }, (_, i) => `Line ${i}`) },
      ifMatch(current.version),
    );
    expect(tooMany.body.errors).toContainEqual(expect.objectContaining({ path: 'addressLines' }));
    expect((await owner.get('/v1/settings/branding')).body).toEqual(current);
  });

  it('takes a PNG logo through a presigned upload, serves it back, keeps it when not named and removes it on null', async () => {
    const uploadKey = await upload(owner, png);
    const current = (await owner.get('/v1/settings/branding')).body;
    const saved = await owner.put('/v1/settings/branding', { ...valid, logo: { uploadKey } }, ifMatch(current.version));
    expect(saved.status).toBe(200);
    expect(saved.body.logo).toMatchObject({ contentType: 'image/png', bytes: png.length });
    const served = await fetch(saved.body.logo.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    // The PDF function's view of it: the bytes themselves, drawn on every page.
    const branding = await brandingForDocument(await tenantIdOf(owner), defaultDeps);
    expect(branding).toMatchObject({ accentColour: '#1D4ED8', addressLines: valid.addressLines });
    expect(Buffer.from(branding.logo!).equals(png)).toBe(true);
    const file = join(dir, 'branded.pdf');
    writeFileSync(file, await renderQuotePdf({ ...sectionedDocument(60), branding }));
    // On every page, embedded once: `pdfimages -list` rows are page, number, type, …, object id.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => row.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    expect(images.map((cols) => Number(cols[0]))).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(new Set(images.map((cols) => cols[10])).size).toBe(1);

    const kept = await owner.put(
      '/v1/settings/branding',
      { ...valid, footerTerms: 'Kept' },
      ifMatch(saved.body.version),
    );
    expect(kept.body.logo).toMatchObject({ contentType: 'image/png', bytes: png.length });
    const removed = await owner.put('/v1/settings/branding', { ...valid, logo: null }, ifMatch(kept.body.version));
    expect(removed.body.logo).toBeNull();
    expect((await brandingForDocument(await tenantIdOf(owner), defaultDeps)).logo).toBeUndefined();
  });

  it('takes a JPEG, and a reused upload link cannot swap the logo once it is checked', async () => {
    // A minimal baseline JPEG header: SOI, APP0 (JFIF), SOF0 of 2×3 pixels.
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffc0000b080003000201011100ffd9'.replace(/\s/g, ''),
      'hex',
    );
    const res = await owner.post('/v1/settings/branding/logo-uploads', { contentType: 'image/jpeg' });
    await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: new Uint8Array(jpeg) });
    const current = (await owner.get('/v1/settings/branding')).body;
    const saved = await owner.put(
      '/v1/settings/branding',
      { ...valid, logo: { uploadKey: res.body.uploadKey } },
      ifMatch(current.version),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.logo).toMatchObject({ contentType: 'image/jpeg', bytes: jpeg.length });
    const again = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: 'not a logo' });
    expect(again.status).toBe(200);
    const served = await fetch((await owner.get('/v1/settings/branding')).body.logo.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it('refuses a logo over 512 KB, one that is not an image, one of another type than declared, and an unknown key', async () => {
    const current = (await owner.get('/v1/settings/branding')).body;
    const save = (uploadKey: string) =>
      owner.put('/v1/settings/branding', { ...valid, logo: { uploadKey } }, ifMatch(current.version));
    const cases: [string, RegExp][] = [
      [await upload(owner, bigPng), /The logo is 60\d KB; at most 512 KB/],
      [await upload(owner, 'GIF89a, or really just text'), /Not a PNG or JPEG/],
      [await upload(owner, png.subarray(0, 40)), /Not a PNG or JPEG/],
      [await upload(owner, png, 'image/jpeg'), /Uploaded as image\/jpeg, but the file is a PNG/],
      ['01J0000000000000000000000Z', /Nothing was uploaded under this key/],
    ];
    for (const [uploadKey, message] of cases) {
      const bad = await save(uploadKey);
      expect(bad.status, String(message)).toBe(400);
      expect(bad.body.errors).toEqual([{ path: 'logo.uploadKey', message: expect.stringMatching(message) }]);
    }
    const notAKey = await save('../../quotes/secret');
    expect(notAKey.body.errors).toContainEqual(expect.objectContaining({ path: 'logo.uploadKey' }));
    const gif = await owner.post('/v1/settings/branding/logo-uploads', { contentType: 'image/gif' });
    expect(gif.status).toBe(400);
    expect(gif.body.errors).toContainEqual(expect.objectContaining({ path: 'contentType' }));
    expect((await owner.get('/v1/settings/branding')).body).toEqual({ ...current, logo: expect.anything() });
    expect((await owner.get('/v1/settings/branding')).body.version).toBe(current.version);
  });

  it('lets a browser on the app’s origin PUT to the upload link (the CORS preflight passes)', async () => {
    const res = await owner.post('/v1/settings/branding/logo-uploads', { contentType: 'image/png' });
    const preflight = await fetch(res.body.url, {
      method: 'OPTIONS',
      headers: {
        origin: outputs.WebUrl,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('answers a repeated upload request with the same upload (Idempotency-Key)', async () => {
    const key = { 'idempotency-key': `logo-${unique()}` };
    const first = await owner.post('/v1/settings/branding/logo-uploads', { contentType: 'image/png' }, key);
    const again = await owner.post('/v1/settings/branding/logo-uploads', { contentType: 'image/png' }, key);
    expect(again.status).toBe(201);
    expect(again.body.uploadKey).toBe(first.body.uploadKey);
  });

  it('keeps each workspace’s branding and uploads to itself', async () => {
    const uploadKey = await upload(owner, png);
    const theirs = (await other.get('/v1/settings/branding')).body;
    expect(theirs).toMatchObject({ configured: false, logo: null });
    const stolen = await other.put('/v1/settings/branding', { ...valid, logo: { uploadKey } }, ifMatch(theirs.version));
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([{ path: 'logo.uploadKey', message: 'Nothing was uploaded under this key' }]);
    expect((await other.get('/v1/settings/branding')).body).toEqual(theirs);
    const mine = (await owner.get('/v1/settings/branding')).body;
    expect(new URL(mine.logo.url).pathname).toContain(`/branding/${await tenantIdOf(owner)}/logo/`);
  });
});
