import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/docs/openapi.js';
import { pathParamNames } from '../../functions/shared/contract.js';
import { routeKey, routes } from '../../lib/manifest.js';
import { admin, call, newTenant, unique, type ApiResult, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

/** Path values a client might send that no id ever has. */
const BAD_IDS = ['x'.repeat(1100), 'a b', "'; DROP TABLE", 'zoë', '%00'];

describe('route contracts', () => {
  let owner: Client;
  let platformAdmin: Client;
  beforeAll(async () => {
    owner = (await newTenant('Contracts')).owner;
    platformAdmin = await admin();
  });

  it('answers a malformed path id on every route with a 400 or 404 naming it, never a 5xx', async () => {
    const withParams = routes.filter((r) => r.path.includes('{') && r.auth !== 'public');
    expect(withParams.length).toBeGreaterThan(20);
    for (const route of withParams) {
      const token = route.auth === 'admin' ? platformAdmin.token : owner.token;
      for (const bad of BAD_IDS) {
        const path = route.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(bad));
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
        const res = await call(route.method, path, { token, body, headers: { 'if-match': '"1"' } });
        const label = `${routeKey(route)} with ${bad.slice(0, 20)}`;
        expect([400, 404], label).toContain(res.status);
        expect(res.headers.get('content-type'), label).toContain('application/problem+json');
        if (res.status === 400) {
          const named = pathParamNames(route.path);
          expect(
            res.body.errors.some((e: { path: string }) => named.includes(e.path)),
            `${label}: ${JSON.stringify(res.body.errors)}`,
          ).toBe(true);
        }
      }
    }
  });
});

describe('GET /v1/openapi.json', () => {
  it('is public and describes every route of the manifest, as generated from the contracts', async () => {
    const res = await call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body).toEqual(buildOpenApiDocument());
    const described = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map(routeKey).sort());
  });

  it('matches the committed functions/docs/openapi.json (run `npm run openapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../functions/docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(buildOpenApiDocument());
  });

  it('refuses a caller past the limit with 429 and Retry-After', async () => {
    // Windows are fixed (aligned to the minute), so a run that straddles a boundary gets two: 120 at most.
    let refused: ApiResult | undefined;
    for (let i = 0; i < 121 && !refused; i++) {
      const res = await call('GET', '/v1/openapi.json');
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.body.title).toBe('Too many requests');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});

describe('public rate limits', () => {
  it('count each route and caller in its own window, and start afresh in the next window', async () => {
    await tableDb();
    const { consumeRateLimit } = await import('../../functions/shared/rate-limit.js');
    const limit = { requests: 2, windowSeconds: 60 };
    const scope = (caller: string) => `public GET /v1/test-${unique()} ${caller}`;
    const [a, b] = [scope('198.51.100.7'), scope('198.51.100.8')];
    const minute = Date.UTC(2026, 10, 30, 12, 0, 0);
    await consumeRateLimit(a, limit, minute);
    await consumeRateLimit(a, limit, minute + 1000);
    await expect(consumeRateLimit(a, limit, minute + 2000)).rejects.toMatchObject({
      status: 429,
      headers: { 'retry-after': '58' },
    });
    await consumeRateLimit(b, limit, minute + 2000);
    await consumeRateLimit(a, limit, minute + 60_000);
  });
});
