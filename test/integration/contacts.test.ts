import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, type Client } from '../support/api.js';

let owner: Client;
let companyId: string;
beforeAll(async () => {
  ({ owner } = await newTenant('Contacts'));
  companyId = (await newCompany(owner, { name: 'Contacted Ltd' })).companyId;
});

describe('contacts', () => {
  it('keeps several typed emails and phones with one primary each', async () => {
    const res = await owner.post(`/v1/companies/${companyId}/contacts`, {
      firstName: 'Priya',
      lastName: 'Shah',
      jobTitle: 'Director',
      role: 'decision_maker',
      emails: [
        { address: 'Priya@Work.example', type: 'work' },
        { address: 'priya@home.example', type: 'personal' },
      ],
      phones: [
        { number: '+44 113 496 0000', type: 'work' },
        { number: '07700 900123', type: 'mobile', primary: true },
      ],
      notes: 'Prefers email',
    });
    expect(res.status).toBe(201);
    expect(res.body.emails).toEqual([
      { address: 'priya@work.example', type: 'work', primary: true },
      { address: 'priya@home.example', type: 'personal', primary: false },
    ]);
    expect(res.body.phones.filter((p: { primary: boolean }) => p.primary)).toEqual([
      { number: '07700 900123', type: 'mobile', primary: true },
    ]);

    const list = await owner.get(`/v1/companies/${companyId}/contacts`);
    expect(list.body.items.map((c: { contactId: string }) => c.contactId)).toContain(res.body.contactId);
  });

  it('rejects two primaries and duplicate addresses, naming the field', async () => {
    const twoPrimaries = await owner.post(`/v1/companies/${companyId}/contacts`, {
      firstName: 'A',
      lastName: 'B',
      emails: [
        { address: 'a@x.example', primary: true },
        { address: 'b@x.example', primary: true },
      ],
    });
    expect(twoPrimaries.status).toBe(400);
    expect(twoPrimaries.body.errors).toEqual([{ path: 'emails', message: 'Only one email can be primary' }]);

    const duplicate = await owner.post(`/v1/companies/${companyId}/contacts`, {
      firstName: 'A',
      lastName: 'B',
      phones: [{ number: '0113 496 0000' }, { number: '0113-496-0000' }],
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([{ path: 'phones.1', message: 'Duplicate phone' }]);
  });

  it('updates with optimistic concurrency and records the change on the company timeline', async () => {
    const created = (
      await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'Tom', lastName: 'Hollis', role: 'user' })
    ).body;
    const path = `/v1/contacts/${created.contactId}`;
    const updated = await owner.patch(path, { role: 'influencer', jobTitle: 'Ops Manager', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ role: 'influencer', jobTitle: 'Ops Manager', version: 2 });
    expect((await owner.patch(path, { role: 'other', version: 1 })).status).toBe(409);

    const timeline = (await owner.get(`/v1/companies/${companyId}/timeline`)).body.items;
    const entry = timeline.find(
      (e: { subjectId: string; action: string }) => e.subjectId === created.contactId && e.action === 'updated',
    );
    expect(entry).toMatchObject({ subjectType: 'contact', subjectName: 'Tom Hollis' });
    expect(entry.changes).toEqual([
      { field: 'jobTitle', to: 'Ops Manager' },
      { field: 'role', from: 'user', to: 'influencer' },
    ]);

    expect((await owner.delete(path)).status).toBe(204);
    expect((await owner.get(path)).status).toBe(404);
    const after = (await owner.get(`/v1/companies/${companyId}/timeline`)).body.items;
    expect(after[0]).toMatchObject({ action: 'deleted', subjectType: 'contact', subjectName: 'Tom Hollis' });
  });

  it('returns 404 when adding a contact to an unknown company', async () => {
    const res = await owner.post('/v1/companies/01HZZZZZZZZZZZZZZZZZZZZZZZ/contacts', {
      firstName: 'No',
      lastName: 'Body',
    });
    expect(res.status).toBe(404);
  });
});
