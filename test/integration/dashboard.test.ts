import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, type Client } from '../support/api.js';

let owner: Client;
let other: Client;
const day = 86_400_000;

beforeAll(async () => {
  owner = (await newTenant('Dashboard Co')).owner;
  other = (await newTenant('Dashboard Rival')).owner;
});

describe('dashboard', () => {
  it('lists the best-scored leads nobody has contacted, best first, leaving out contacted ones and non-leads', async () => {
    const called = await newCompany(owner, { name: 'Called Ltd', stage: 'lead', leadScore: 99 });
    await newCompany(owner, { name: 'Customer Ltd', stage: 'customer', leadScore: 98 });
    await newCompany(owner, { name: 'Unscored Ltd', stage: 'lead' });
    const best = await newCompany(owner, { name: 'Best Lead', stage: 'lead', leadScore: 91 });
    const next = await newCompany(owner, { name: 'Next Lead', stage: 'lead', leadScore: 72 });
    await owner.post(`/v1/companies/${called.companyId}/activities`, {
      type: 'call',
      subject: 'Intro call',
      occurredAt: new Date(Date.now() - day).toISOString(),
    });

    const res = await owner.get('/v1/dashboard?tz=Europe/London');
    expect(res.status).toBe(200);
    expect(res.body.topLeads.map((l: { name: string }) => l.name)).toEqual(['Best Lead', 'Next Lead']);
    expect(res.body.topLeads[0]).toMatchObject({ companyId: best.companyId, leadScore: 91 });
    expect(res.body.topLeads[1].companyId).toBe(next.companyId);
  });

  it("shows the latest logged activities with their company's name, newest first, not meetings still ahead", async () => {
    const company = await newCompany(owner, { name: 'Activity Works' });
    const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    await owner.post(`/v1/companies/${company.companyId}/activities`, {
      type: 'note',
      subject: 'Older note',
      occurredAt: at(3 * day),
    });
    await owner.post(`/v1/companies/${company.companyId}/activities`, {
      type: 'email',
      subject: 'Newest email',
      occurredAt: at(60_000),
    });
    await owner.post(`/v1/companies/${company.companyId}/activities`, {
      type: 'meeting',
      subject: 'Demo next week',
      occurredAt: new Date(Date.now() + 7 * day).toISOString(),
    });

    const res = await owner.get('/v1/dashboard');
    const subjects = res.body.recentActivity.map((a: { subject: string }) => a.subject);
    expect(subjects[0]).toBe('Newest email');
    expect(subjects).toContain('Older note');
    expect(subjects).not.toContain('Demo next week');
    expect(res.body.recentActivity[0]).toMatchObject({ companyName: 'Activity Works', type: 'email' });
    expect(res.body.timeZone).toBe('UTC');
  });

  it("never shows another tenant's leads or activity", async () => {
    const res = await other.get('/v1/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.topLeads).toEqual([]);
    expect(res.body.recentActivity).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(/Best Lead|Activity Works|Called Ltd/);
  });

  it('answers 400 naming tz for an unknown time zone', async () => {
    const res = await owner.get('/v1/dashboard?tz=Mars/Olympus');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'tz', message: 'Unknown time zone' }]);
  });
});
