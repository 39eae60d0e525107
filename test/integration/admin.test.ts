import { describe, expect, it } from 'vitest';
import { admin, mailbox, newTenant, unique } from '../support/api.js';

describe('platform admin', () => {
  it('creates, lists, reads and renames tenants', async () => {
    const a = await admin();
    const { tenant, owner } = await newTenant('Listed');
    expect(tenant).toMatchObject({ status: 'active', plan: 'starter', version: 1 });
    expect(tenant.owner).toMatchObject({ role: 'owner', status: 'invited' });

    const read = await a.get(`/v1/admin/tenants/${tenant.tenantId}`);
    expect(read.body.name).toBe(tenant.name);

    const renamed = await a.patch(
      `/v1/admin/tenants/${tenant.tenantId}`,
      { name: 'Renamed Ltd', plan: 'pro' },
      { 'if-match': '1' },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed Ltd', plan: 'pro', version: 2 });

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { tenantId: string }[]; cursor: string | null } } = await a.get(
        `/v1/admin/tenants?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...page.body.items.map((t) => t.tenantId));
      cursor = page.body.cursor;
    } while (cursor);
    expect(ids).toContain(tenant.tenantId);

    const users = async () => (await a.get(`/v1/admin/tenants/${tenant.tenantId}/users`)).body.items;
    expect(await users()).toMatchObject([{ role: 'owner', status: 'invited' }]);
    await owner.get('/v1/me');
    expect(await users()).toMatchObject([{ role: 'owner', status: 'active' }]);
  });

  it('refuses a taken slug or owner email with 409, leaving no half-made tenant or login behind', async () => {
    const a = await admin();
    const { tenant, ownerEmail } = await newTenant('Unique');
    const before = (await mailbox()).length;

    const sameSlug = await a.post('/v1/admin/tenants', {
      name: 'Copycat',
      slug: tenant.slug,
      owner: { email: `other-${unique()}@example.test`, name: 'Other' },
    });
    expect(sameSlug.status).toBe(409);
    expect(sameSlug.body.errors).toEqual([{ path: 'slug', message: 'Already taken' }]);

    const slug = `fresh-${unique()}`;
    const sameEmail = await a.post('/v1/admin/tenants', {
      name: 'Copycat',
      slug,
      owner: { email: ownerEmail, name: 'Dup' },
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.errors).toEqual([{ path: 'email', message: 'Already registered' }]);
    expect((await mailbox()).length).toBe(before);

    // The slug was not claimed by the failed attempt.
    const retry = await a.post('/v1/admin/tenants', {
      name: 'Fresh',
      slug,
      owner: { email: `fresh-${unique()}@example.test`, name: 'F' },
    });
    expect(retry.status).toBe(201);
  });

  it('answers 404 for an unknown tenant', async () => {
    const a = await admin();
    expect((await a.get('/v1/admin/tenants/01J0000000000000000000000')).status).toBe(404);
    expect((await a.get('/v1/admin/tenants/01J0000000000000000000000/users')).status).toBe(404);
  });
});
