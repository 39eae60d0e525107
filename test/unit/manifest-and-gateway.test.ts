import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRoutes, stringifyClaims } from '../../lib/local/gateway.js';
import { functions, routeKey, routes, type RouteDef } from '../../lib/manifest.js';

describe('manifest', () => {
  it('has unique route keys, a handler file per function, and roles on every tenant route', () => {
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    for (const fn of Object.values(functions)) expect(existsSync(fn.entry), fn.entry).toBe(true);
    for (const r of routes.filter((r) => r.auth === 'tenant')) expect(r.roles?.length, routeKey(r)).toBeGreaterThan(0);
  });

  it('never lets a viewer write, except to their own account (two-factor setup, profile) and to export what they may read', () => {
    const own = (r: RouteDef) => r.path === '/v1/me' || r.path.startsWith('/v1/me/');
    // A CSV of a list a viewer already sees changes no record (the workspace export stays owner-only in its service);
    // nor does the PDF of a quote they may read (drawn once, kept for the next reader).
    const readsByPost = new Set(['POST /v1/exports', 'POST /v1/quotes/{quoteId}/pdf']);
    for (const r of routes.filter(
      (r) => r.auth === 'tenant' && r.method !== 'GET' && !r.mfaSetup && !own(r) && !readsByPost.has(routeKey(r)),
    )) {
      expect(r.roles, routeKey(r)).not.toContain('viewer');
    }
  });
});

describe('local gateway routing', () => {
  const match = (defs: RouteDef[], method: string, path: string) =>
    compileRoutes(defs).find((c) => c.route.method === method && c.pattern.test(path))?.key;

  it('prefers literal segments over parameters, as API Gateway does', () => {
    const defs: RouteDef[] = [
      { method: 'POST', path: '/v1/quotes/{quoteId}', fn: 'companies', auth: 'tenant' },
      { method: 'POST', path: '/v1/quotes/draft', fn: 'companies', auth: 'tenant' },
    ];
    expect(match(defs, 'POST', '/v1/quotes/draft')).toBe('POST /v1/quotes/draft');
    expect(match(defs, 'POST', '/v1/quotes/01ABC')).toBe('POST /v1/quotes/{quoteId}');
    expect(match(defs, 'POST', '/v1/quotes/01ABC/extra')).toBeUndefined();
  });

  it('passes claims as strings the way the JWT authorizer does', () => {
    expect(stringifyClaims({ sub: 'u', exp: 123, email_verified: true, 'cognito:groups': ['a', 'b'] })).toEqual({
      sub: 'u',
      exp: '123',
      email_verified: 'true',
      'cognito:groups': '[a b]',
    });
  });
});
