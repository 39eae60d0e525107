import { describe, expect, it } from 'vitest';
import { admin, newMember, newTenant } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();

const owners = async (tenantId: string) =>
  (await db.entities.user.query.byTenant({ tenantId }).go({ pages: 'all' })).data.filter((u) => u.role === 'owner');

describe('a workspace always keeps an owner', () => {
  it('lets exactly one of two owners demoting each other at once succeed', async () => {
    const { owner, tenant } = await newTenant('Owner race');
    const first = (await owner.get('/v1/me')).body;
    const { client: second, user: secondUser } = await newMember(owner, 'owner');

    const [a, b] = await Promise.all([
      owner.patch(`/v1/users/${secondUser.userId}`, { role: 'admin', version: secondUser.version }),
      second.patch(`/v1/users/${first.userId}`, { role: 'admin', version: first.version }),
    ]);

    const statuses = [a.status, b.status];
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The loser is refused whichever way the race went: its write lost (409), it would leave no
    // owner (422), or the winner demoted it first so it may no longer change roles (403).
    expect([403, 409, 422]).toContain(statuses.find((s) => s !== 200));
    expect(await owners(tenant.tenantId)).toHaveLength(1);
    expect((await (await admin()).get(`/v1/admin/tenants/${tenant.tenantId}`)).body.ownerCount).toBe(1);
  });

  it('refuses to remove the last owner, even when the caller is an owner too', async () => {
    const { owner, tenant } = await newTenant('Last owner');
    const { client: second, user: secondUser } = await newMember(owner, 'owner');
    const first = (await owner.get('/v1/me')).body;
    // The second owner leaves; now the first is the last one and nobody may take them away.
    expect((await owner.delete(`/v1/users/${secondUser.userId}`)).status).toBe(204);
    expect((await second.get('/v1/me')).status).toBe(403);
    const platform = await admin();
    const demote = await platform.patch(
      `/v1/admin/tenants/${tenant.tenantId}/users/${first.userId}`,
      { role: 'sales' },
      { 'if-match': String(first.version) },
    );
    expect(demote.status).toBe(422);
    expect(demote.body.errors).toEqual([{ path: 'role', message: 'Last owner' }]);
    expect(await owners(tenant.tenantId)).toHaveLength(1);
  });

  it('lets a platform admin repair a workspace that has lost its owner', async () => {
    const { owner, tenant } = await newTenant('Repair');
    const { user: member } = await newMember(owner, 'admin');
    const me = (await owner.get('/v1/me')).body;
    // A workspace stored before the owner count existed, whose only owner lost the role by hand.
    await db.entities.user.patch({ tenantId: tenant.tenantId, userId: me.userId }).set({ role: 'sales' }).go();
    await db.entities.tenant.patch({ tenantId: tenant.tenantId }).remove(['ownerCount']).go();

    const platform = await admin();
    const path = `/v1/admin/tenants/${tenant.tenantId}/users/${member.userId}`;
    expect((await platform.patch(path, { role: 'owner' })).status).toBe(428);
    expect((await platform.patch(path, { role: 'owner' }, { 'if-match': '99' })).status).toBe(409);
    const repaired = await platform.patch(path, { role: 'owner' }, { 'if-match': String(member.version) });
    expect(repaired.status).toBe(200);
    expect(repaired.body).toMatchObject({ role: 'owner', version: member.version + 1 });
    // The count was derived from the users (0) and then moved by the repair.
    expect((await platform.get(`/v1/admin/tenants/${tenant.tenantId}`)).body.ownerCount).toBe(1);
    expect((await owners(tenant.tenantId)).map((u) => u.userId)).toEqual([member.userId]);
  });
});
