import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';

let owner: Client;
let companyId: string;
let contactId: string;
beforeAll(async () => {
  ({ owner } = await newTenant('Activities'));
  companyId = (await newCompany(owner, { name: 'Busy Ltd' })).companyId;
  contactId = (await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'Cal', lastName: 'Ler' })).body
    .contactId;
});

describe('activities', () => {
  it('logs calls, meetings and notes and lists them most recent first', async () => {
    const call = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'call',
      subject: 'Discovery call',
      body: 'Wants quotes for 40 laptops',
      contactId,
      occurredAt: '2026-11-02T10:00:00+01:00',
      durationMinutes: 25,
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      type: 'call',
      occurredAt: '2026-11-02T09:00:00.000Z',
      createdByName: expect.stringMatching(/^Owner /),
    });
    await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'meeting',
      subject: 'Site visit',
      occurredAt: '2026-11-10T14:00:00Z',
    });
    await owner.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'Budget approved' });

    const list = await owner.get(`/v1/companies/${companyId}/activities`);
    expect(list.body.items.map((a: { subject: string }) => a.subject)).toEqual([
      'Budget approved',
      'Site visit',
      'Discovery call',
    ]);
  });

  it("refuses a contact from another company and a viewer's write", async () => {
    const other = await newCompany(owner);
    const bad = await owner.post(`/v1/companies/${other.companyId}/activities`, {
      type: 'note',
      subject: 'x',
      contactId,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'contactId', message: 'Unknown contact' }]);

    const { client: viewer } = await newMember(owner, 'viewer');
    expect((await viewer.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'x' })).status).toBe(
      403,
    );
    expect((await viewer.get(`/v1/companies/${companyId}/activities`)).status).toBe(200);
  });

  it('rejects a time that is not ISO 8601, naming the field', async () => {
    const res = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'call',
      subject: 'x',
      occurredAt: 'yesterday',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'occurredAt', message: 'Use an ISO 8601 date and time' }]);
  });

  it('refuses a call, email or note dated in the future, storing nothing, but schedules a meeting ahead', async () => {
    const nextYear = new Date(Date.now() + 365 * 24 * 3_600_000).toISOString();
    const before = (await owner.get(`/v1/companies/${companyId}/activities`)).body.items.length;
    for (const type of ['call', 'email', 'note']) {
      const res = await owner.post(`/v1/companies/${companyId}/activities`, {
        type,
        subject: 'Later',
        occurredAt: nextYear,
      });
      expect(res.status, type).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['occurredAt']);
    }
    expect((await owner.get(`/v1/companies/${companyId}/activities`)).body.items).toHaveLength(before);

    const meeting = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'meeting',
      subject: 'Quarterly review',
      occurredAt: nextYear,
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.occurredAt).toBe(nextYear);
  });
});
