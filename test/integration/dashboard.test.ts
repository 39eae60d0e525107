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
    expect(res.body.errors).toEqual([
      { path: 'tz', message: 'Not a time zone; use an IANA name such as Europe/London' },
    ]);
  });
});

describe('dashboard deals', () => {
  it('sums open deals per stage and currency, the quarter forecast weighted, and this month’s won and lost', async () => {
    const { owner: seller } = await newTenant('Dashboard Deals');
    const company = await newCompany(seller, { name: 'Deal Target', stage: 'lead' });
    const month = new Date().toISOString().slice(0, 7);
    const close = `${month}-15`;
    const deal = (name: string, amount: number, currency = 'GBP', stage?: string) =>
      seller.post('/v1/deals', {
        name,
        companyId: company.companyId,
        value: { amount, currency },
        expectedCloseDate: close,
        ...(stage ? { stageId: stage } : {}),
      });
    const pipeline = (await seller.get('/v1/pipelines')).body.items[0];
    const [qualified, proposal] = pipeline.stages;
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won');
    const lost = pipeline.stages.find((s: { kind: string }) => s.kind === 'lost');
    expect((await deal('A', 100_000)).status).toBe(201);
    expect((await deal('B', 50_001, 'GBP', proposal.stageId)).status).toBe(201);
    expect((await deal('C', 20_000, 'EUR')).status).toBe(201);
    const winner = (await deal('D', 30_000)).body;
    const loser = (await deal('E', 9_999)).body;
    await seller.patch(`/v1/deals/${winner.dealId}`, { stageId: won.stageId, version: winner.version });
    await seller.patch(`/v1/deals/${loser.dealId}`, {
      stageId: lost.stageId,
      lostReason: 'Went with a competitor',
      version: loser.version,
    });

    const res = await seller.get('/v1/dashboard');
    expect(res.status).toBe(200);
    const stage = (id: string) => res.body.pipeline.stages.find((s: { stageId: string }) => s.stageId === id);
    expect(stage(qualified.stageId)).toMatchObject({
      count: 2,
      totals: [
        { amount: 20_000, currency: 'EUR' },
        { amount: 100_000, currency: 'GBP' },
      ],
    });
    expect(stage(proposal.stageId)).toMatchObject({ count: 1, totals: [{ amount: 50_001, currency: 'GBP' }] });
    expect(res.body.pipeline.stages.map((s: { stageId: string }) => s.stageId)).not.toContain(won.stageId);

    // Weighted half up per deal: 100,000 × q + 50,001 × p + 30,000 (won, 100%); lost deals count nothing.
    const weigh = (amount: number, bps: number) => Math.floor((amount * bps + 5_000) / 10_000);
    const gbp = weigh(100_000, qualified.probabilityBps) + weigh(50_001, proposal.probabilityBps) + 30_000;
    expect(res.body.forecastQuarter.weighted).toEqual([
      { amount: weigh(20_000, qualified.probabilityBps), currency: 'EUR' },
      { amount: gbp, currency: 'GBP' },
    ]);
    const thisMonth = res.body.forecastQuarter.months.find((m: { month: string }) => m.month === month);
    expect(thisMonth.weighted).toEqual(res.body.forecastQuarter.weighted);
    expect(res.body.thisMonth).toEqual({
      month,
      won: { count: 1, totals: [{ amount: 30_000, currency: 'GBP' }] },
      lost: { count: 1, totals: [{ amount: 9_999, currency: 'GBP' }] },
    });
  });
});

describe('dashboard tasks', () => {
  it('counts the caller’s open tasks overdue and due today, soonest first, leaving out done, later and others’ tasks', async () => {
    const { owner: me } = await newTenant('Dashboard Tasks');
    const hour = 3_600_000;
    const now = Date.now();
    const due = (ms: number) => new Date(now + ms).toISOString();
    const create = async (title: string, dueAt: string) => (await me.post('/v1/tasks', { title, dueAt })).body;
    await create('Chase invoice', due(-3 * day));
    const endOfToday = new Date(new Date().toISOString().slice(0, 10) + 'T23:59:00Z').toISOString();
    await create('Call back later today', endOfToday);
    await create('Next week', due(7 * day));
    const done = await create('Already done', due(-2 * hour));
    await me.patch(`/v1/tasks/${done.taskId}`, { done: true, version: done.version });

    const res = await me.get('/v1/dashboard?tz=UTC');
    expect(res.body.tasks.overdue).toBe(1);
    expect(res.body.tasks.items.map((t: { title: string }) => t.title)).toEqual([
      'Chase invoice',
      'Call back later today',
    ]);
    expect(res.body.tasks.items[0].overdue).toBe(true);
    expect(res.body.tasks.today).toBe(1);
  });
});
