import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../lib/manifest.js';
import {
  admin,
  adminTotpSecret,
  authenticateAs,
  call,
  client,
  lastEmailTo,
  newCompany,
  newMember,
  NEW_PASSWORD,
  newTenant,
  outputs,
  signIn,
  temporaryPasswordIn,
  unique,
  type Client,
} from '../support/api.js';

let owner: Client;
let tenantId: string;
beforeAll(async () => {
  const t = await newTenant('Roles');
  owner = t.owner;
  tenantId = t.tenant.tenantId;
});

const samplePath = (path: string) => path.replace(/\{\w+\}/g, '01J0000000000000000000000');

describe('authentication', () => {
  it('answers 401 on every non-public route without a valid token, as the JWT authorizer does', async () => {
    const forged = `${owner.token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    for (const route of routes.filter((r) => r.auth !== 'public')) {
      for (const token of [undefined, 'garbage', forged]) {
        const res = await call(route.method, samplePath(route.path), { token });
        expect(res.status, `${route.method} ${route.path} with ${token?.slice(0, 8)}`).toBe(401);
      }
    }
  });

  it('refuses a Cognito access token of the right client with 401 on tenant and admin routes: the API takes ID tokens', async () => {
    // The JWT authorizer admits an access token (its client_id matches the audience, as an ID token's aud
    // does); the adapter refuses it by token_use, in the cloud as here.
    const { ownerEmail } = await newTenant('Tokens');
    const tenant = await authenticateAs(ownerEmail, NEW_PASSWORD);
    const platform = await authenticateAs(
      outputs.DemoLogins.platformAdmin.email,
      outputs.DemoLogins.platformAdmin.password,
      'admin',
      { totpSecret: adminTotpSecret },
    );
    for (const [path, auth] of [
      ['/v1/me', tenant],
      ['/v1/admin/tenants', platform],
    ] as const) {
      expect((await call('GET', path, { token: auth.IdToken })).status, `${path} with the ID token`).toBe(200);
      const res = await call('GET', path, { token: auth.AccessToken });
      expect(res.status, `${path} with the access token`).toBe(401);
      expect(res.body.detail).toMatch(/ID token/);
    }
  });

  it('keeps the pools apart: an admin token cannot call tenant routes, a tenant token cannot call admin routes', async () => {
    const a = await admin();
    expect((await a.get('/v1/companies')).status).toBe(401);
    expect((await owner.get('/v1/admin/tenants')).status).toBe(401);
  });

  it('invites the owner by email through SES and makes them choose a password on first sign-in', async () => {
    const { ownerEmail } = await newTenant('Invite');
    const email = await lastEmailTo(ownerEmail);
    expect(email.subject).toMatch(/invited to Invite/);
    expect(email.body.text).toContain(outputs.WebUrl);
    const temp = temporaryPasswordIn(email.body.text ?? '');
    // The temporary password was replaced during newTenant(); it no longer works.
    await expect(signIn(ownerEmail, temp)).rejects.toThrow(/InitiateAuth failed/);
  });

  it('reports who is signed in and marks the invitation accepted', async () => {
    const me = await owner.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'owner', status: 'active', tenant: { tenantId, plan: 'starter' } });
  });
});

describe('roles', () => {
  it('lets a viewer read but not write', async () => {
    const { client: viewer } = await newMember(owner, 'viewer');
    const company = await newCompany(owner);
    expect((await viewer.get('/v1/companies')).status).toBe(200);
    expect((await viewer.get(`/v1/companies/${company.companyId}`)).status).toBe(200);
    const write = await viewer.post('/v1/companies', { name: 'Nope' });
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/viewer/);
    expect((await viewer.patch(`/v1/companies/${company.companyId}`, { name: 'x', version: 1 })).status).toBe(403);
    expect((await viewer.delete(`/v1/companies/${company.companyId}`)).status).toBe(403);
    expect(
      (await viewer.post(`/v1/companies/${company.companyId}/contacts`, { firstName: 'a', lastName: 'b' })).status,
    ).toBe(403);
  });

  it('lets only owners and admins manage users, and only owners manage owners', async () => {
    const { client: sales } = await newMember(owner, 'sales');
    expect((await sales.post('/v1/users', { email: 'x@example.test', name: 'X', role: 'sales' })).status).toBe(403);
    expect((await sales.get('/v1/users')).status).toBe(200);

    const { client: adminUser, user: adminRecord } = await newMember(owner, 'admin');
    const promote = await adminUser.post('/v1/users', { email: 'boss@example.test', name: 'Boss', role: 'owner' });
    expect(promote.status).toBe(403);
    const { user: viewer } = await newMember(adminUser, 'viewer');
    const changed = await adminUser.patch(`/v1/users/${viewer.userId}`, { role: 'sales', version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('sales');
    expect((await adminUser.delete(`/v1/users/${adminRecord.userId}`)).status).toBe(422);
  });

  it('applies a demotion at once, without waiting for the token to expire', async () => {
    const { client: member, user } = await newMember(owner, 'sales');
    expect((await member.post('/v1/companies', { name: 'Before demotion' })).status).toBe(201);
    expect((await owner.patch(`/v1/users/${user.userId}`, { role: 'viewer', version: 1 })).status).toBe(200);
    expect((await member.post('/v1/companies', { name: 'After demotion' })).status).toBe(403);
    expect((await owner.delete(`/v1/users/${user.userId}`)).status).toBe(204);
    expect((await member.get('/v1/companies')).status).toBe(403);
  });

  it('never leaves a tenant without an owner', async () => {
    const me = (await owner.get('/v1/me')).body;
    const demote = await owner.patch(`/v1/users/${me.userId}`, { role: 'admin', version: me.version });
    expect(demote.status).toBe(422);
    expect(demote.body.errors).toEqual([{ path: 'role', message: 'Last owner' }]);
  });
});

describe('invitations', () => {
  it('resends an invitation with a fresh temporary password that replaces the old one', async () => {
    const email = `late-${unique()}@example.test`;
    const invited = await owner.post('/v1/users', { email, name: 'Late Larry', role: 'sales' });
    const first = temporaryPasswordIn((await lastEmailTo(email)).body.text ?? '');

    const resent = await owner.post(`/v1/users/${invited.body.userId}/invitation`);
    expect(resent.status).toBe(202);
    const second = temporaryPasswordIn((await lastEmailTo(email)).body.text ?? '');
    expect(second).not.toBe(first);
    expect(second).toHaveLength(14);

    await expect(signIn(email, first, 'tenant', 'Whatever-Pass-1')).rejects.toThrow(/InitiateAuth failed/);
    const token = await signIn(email, second, 'tenant', 'Late-Larry-Pass-1');
    expect((await client(token).get('/v1/me')).body.status).toBe('active');

    const again = await owner.post(`/v1/users/${invited.body.userId}/invitation`);
    expect(again.status).toBe(422);
  });

  it('lets only owners and admins resend', async () => {
    const { client: sales } = await newMember(owner, 'sales');
    const invited = await owner.post('/v1/users', { email: `x-${unique()}@example.test`, name: 'X', role: 'viewer' });
    expect((await sales.post(`/v1/users/${invited.body.userId}/invitation`)).status).toBe(403);
  });
});

describe('suspension', () => {
  it("refuses a suspended tenant's users on every route and lets them back in on reactivation", async () => {
    const { owner: o, tenant } = await newTenant('Suspend');
    const company = await newCompany(o);
    const a = await admin();
    const suspended = await a.patch(`/v1/admin/tenants/${tenant.tenantId}`, { status: 'suspended', version: 1 });
    expect(suspended.status).toBe(200);
    for (const route of routes.filter((r) => r.auth === 'tenant')) {
      const path = route.path.replace('{companyId}', company.companyId).replace(/\{\w+\}/g, 'x');
      const res = await call(route.method, path, {
        token: o.token,
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect((await a.patch(`/v1/admin/tenants/${tenant.tenantId}`, { status: 'active', version: 2 })).status).toBe(200);
    expect((await o.get(`/v1/companies/${company.companyId}`)).status).toBe(200);
  });
});

describe('idempotency', () => {
  it('replays the first result for a repeated Idempotency-Key and creates once', async () => {
    const { owner: o } = await newTenant('Idem');
    const key = { 'idempotency-key': 'create-acme-1' };
    const first = await o.post('/v1/companies', { name: 'Acme Once' }, key);
    const second = await o.post('/v1/companies', { name: 'Acme Once' }, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.companyId).toBe(first.body.companyId);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await o.get('/v1/companies?q=acme')).body.items).toHaveLength(1);
    const reused = await o.post('/v1/companies', { name: 'Acme Twice' }, key);
    expect(reused.status).toBe(422);
  });

  it('scopes keys per tenant', async () => {
    const a = await newTenant('IdemA');
    const b = await newTenant('IdemB');
    const key = { 'idempotency-key': 'same-key' };
    const fromA = await a.owner.post('/v1/companies', { name: 'Shared' }, key);
    const fromB = await b.owner.post('/v1/companies', { name: 'Shared' }, key);
    expect(fromB.status).toBe(201);
    expect(fromB.body.companyId).not.toBe(fromA.body.companyId);
  });

  it('releases the key when the request fails, so a corrected retry succeeds', async () => {
    const { owner: o } = await newTenant('IdemRetry');
    const key = { 'idempotency-key': 'retry-me' };
    expect((await o.post('/v1/companies', { name: 'X', ownerId: 'nobody' }, key)).status).toBe(400);
    expect((await o.post('/v1/companies', { name: 'X', ownerId: 'nobody' }, key)).status).toBe(400);
    const fixedClient = client(o.token);
    expect(
      (await fixedClient.post('/v1/companies', { name: 'Retry Ltd' }, { 'idempotency-key': 'retry-me-2' })).status,
    ).toBe(201);
  });
});
