import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, unique, type Client } from '../support/api.js';

let owner: Client;
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

beforeAll(async () => {
  ({ owner } = await newTenant('Deals'));
});

/** A deal on a new company; the company's fields may be given. */
async function newDeal(c: Client, fields: Record<string, unknown> = {}, company: Record<string, unknown> = {}) {
  const companyId = (fields.companyId as string | undefined) ?? (await newCompany(c, company)).companyId;
  const res = await c.post('/v1/deals', {
    name: `Deal ${unique()}`,
    companyId,
    value: gbp(120_000),
    expectedCloseDate: '2026-03-31',
    ...fields,
  });
  if (res.status !== 201) throw new Error(`deal create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('pipelines', () => {
  it('gives a new workspace one default pipeline, even to concurrent first reads', async () => {
    const { owner: fresh } = await newTenant('Fresh pipelines');
    const reads = await Promise.all(Array.from({ length: 5 }, () => fresh.get('/v1/pipelines')));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const r of reads) expect(r.body.items).toHaveLength(1);
    const [pipeline] = reads[0]!.body.items;
    expect(pipeline.stages.map((s: { name: string; kind: string }) => `${s.name}:${s.kind}`)).toEqual([
      'Qualified:open',
      'Proposal:open',
      'Negotiation:open',
      'Won:won',
      'Lost:lost',
    ]);
    expect(new Set(reads.map((r) => r.body.items[0].createdAt)).size).toBe(1);
    expect((await fresh.get(`/v1/pipelines/${pipeline.pipelineId}`)).body).toEqual(pipeline);
  });

  it('renames, reorders and re-weights stages, refusing to remove a stage that still has deals', async () => {
    const { owner: o } = await newTenant('Pipeline edits');
    const pipeline = (await o.get('/v1/pipelines')).body.items[0];
    const deal = await newDeal(o, { stageId: 'proposal' });
    const stages = pipeline.stages.map((s: Record<string, unknown>) => ({ ...s }));
    const path = `/v1/pipelines/${pipeline.pipelineId}`;

    const withoutProposal = structuredClone(stages).filter((s: { stageId: string }) => s.stageId !== 'proposal');
    withoutProposal.forEach((s: { order: number }, i: number) => (s.order = i));
    const refused = await o.patch(path, { stages: withoutProposal }, { 'if-match': '1' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/remove stage Proposal: it has 1 deal/);

    const badOrder = stages.map((s: Record<string, unknown>) => ({ ...s, order: 0 }));
    const notPermutation = await o.patch(path, { stages: badOrder }, { 'if-match': '1' });
    expect(notPermutation.status).toBe(400);
    expect(notPermutation.body.errors[0].path).toMatch(/^stages\.\d+\.order$/);

    // Swap Qualified and Proposal, rename Negotiation, add a stage.
    const edited = [
      { ...stages[1], order: 0 },
      { ...stages[0], order: 1 },
      { ...stages[2], name: 'Contract review', probabilityBps: 8_000, rottingDays: 5 },
      { name: 'Verbal yes', order: 3, probabilityBps: 9_000, kind: 'open' },
      { ...stages[3], order: 4 },
      { ...stages[4], order: 5 },
    ];
    const saved = await o.patch(path, { stages: edited, name: 'New business' }, { 'if-match': '1' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.stages.map((s: { name: string }) => s.name)).toEqual([
      'Proposal',
      'Qualified',
      'Contract review',
      'Verbal yes',
      'Won',
      'Lost',
    ]);
    expect(saved.body.stages[3].stageId).toEqual(expect.any(String));
    // The deal is still in its (renamed-around) stage; a stale edit is refused.
    expect((await o.get(`/v1/deals/${deal.dealId}`)).body.stageId).toBe('proposal');
    expect((await o.patch(path, { name: 'Stale' }, { 'if-match': '1' })).status).toBe(409);

    // Emptied, the stage may go.
    await o.patch(`/v1/deals/${deal.dealId}`, { stageId: 'qualified' }, { 'if-match': '1' });
    const emptied = saved.body.stages.filter((s: { stageId: string }) => s.stageId !== 'proposal');
    emptied.forEach((s: { order: number }, i: number) => (s.order = i));
    const removed = await o.patch(path, { stages: emptied }, { 'if-match': '2' });
    expect(removed.status).toBe(200);
    expect(removed.body.stages).toHaveLength(5);
  });

  it('lets only owners and admins edit pipelines; sales may move deals, viewers only read', async () => {
    const { owner: o } = await newTenant('Pipeline roles');
    const sales = (await newMember(o, 'sales')).client;
    const viewer = (await newMember(o, 'viewer')).client;
    const pipeline = (await sales.get('/v1/pipelines')).body.items[0];
    expect(
      (await sales.patch(`/v1/pipelines/${pipeline.pipelineId}`, { name: 'Mine' }, { 'if-match': '1' })).status,
    ).toBe(403);
    expect(
      (
        await sales.post('/v1/pipelines', {
          name: 'Mine',
          stages: pipeline.stages.map(({ stageId: _s, ...s }: any) => s),
        })
      ).status,
    ).toBe(403);
    const deal = await newDeal(sales);
    expect((await sales.patch(`/v1/deals/${deal.dealId}`, { stageId: 'proposal' }, { 'if-match': '1' })).status).toBe(
      200,
    );
    expect((await viewer.get(`/v1/deals/${deal.dealId}`)).status).toBe(200);
    expect((await viewer.patch(`/v1/deals/${deal.dealId}`, { stageId: 'won' }, { 'if-match': '2' })).status).toBe(403);
    expect(
      (
        await viewer.post('/v1/deals', {
          name: 'x',
          companyId: deal.companyId,
          value: gbp(1),
          expectedCloseDate: '2026-01-01',
        })
      ).status,
    ).toBe(403);
  });
});

describe('deals', () => {
  it('moves a lead company to opportunity with its first open deal, and to customer when a deal is won', async () => {
    const company = await newCompany(owner, { name: 'Brightwater Logistics', stage: 'lead' });
    const deal = await newDeal(owner, { companyId: company.companyId, name: 'Fleet laptops' });
    expect(deal).toMatchObject({
      pipelineId: 'default',
      stageId: 'qualified',
      status: 'open',
      version: 1,
      companyName: 'Brightwater Logistics',
    });
    const afterCreate = (await owner.get(`/v1/companies/${company.companyId}`)).body;
    expect(afterCreate).toMatchObject({ stage: 'opportunity', version: 2 });

    const won = await owner.patch(`/v1/deals/${deal.dealId}`, { stageId: 'won' }, { 'if-match': '1' });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', version: 2, closedAt: expect.any(String) });
    expect((await owner.get(`/v1/companies/${company.companyId}`)).body).toMatchObject({
      stage: 'customer',
      version: 3,
    });

    const timeline = (await owner.get(`/v1/companies/${company.companyId}/timeline`)).body.items;
    const said = timeline.map(
      (e: any) =>
        `${e.subjectType} ${e.action} ${e.changes.map((c: any) => `${c.field}:${c.from ?? ''}→${c.to ?? ''}`).join(',')}`,
    );
    expect(said.slice(0, 4).sort()).toEqual(
      [
        'company updated stage:opportunity→customer',
        'deal moved stage:Qualified→Won,status:open→won',
        'company updated stage:lead→opportunity',
        'deal created stage:→Qualified',
      ].sort(),
    );
    // A second open deal on a customer leaves it a customer.
    await newDeal(owner, { companyId: company.companyId });
    expect((await owner.get(`/v1/companies/${company.companyId}`)).body.stage).toBe('customer');
  });

  it('bumps the version on each stage move, refuses a stale or missing version, and records the move', async () => {
    const deal = await newDeal(owner);
    const path = `/v1/deals/${deal.dealId}`;
    const first = await owner.patch(path, { stageId: 'proposal' }, { 'if-match': '"1"' });
    expect(first.body).toMatchObject({ stageId: 'proposal', version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');
    expect(first.body.stageChangedAt >= deal.stageChangedAt).toBe(true);
    const second = await owner.patch(path, { stageId: 'negotiation', version: 2 });
    expect(second.body).toMatchObject({ stageId: 'negotiation', version: 3 });

    const stale = await owner.patch(path, { stageId: 'qualified' }, { 'if-match': '2' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'version', message: 'Stale version' }]);
    expect((await owner.patch(path, { stageId: 'qualified' })).status).toBe(428);
    expect((await owner.get(path)).body).toMatchObject({ stageId: 'negotiation', version: 3 });

    const timeline = (await owner.get(`/v1/companies/${deal.companyId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({
      subjectType: 'deal',
      action: 'moved',
      subjectName: deal.name,
      changes: [{ field: 'stage', from: 'Proposal', to: 'Negotiation' }],
    });
  });

  it('lets exactly one of two concurrent moves from the same version win', async () => {
    const deal = await newDeal(owner);
    const path = `/v1/deals/${deal.dealId}`;
    const results = await Promise.all([
      owner.patch(path, { stageId: 'proposal' }, { 'if-match': '1' }),
      owner.patch(path, { stageId: 'negotiation' }, { 'if-match': '1' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    expect((await owner.get(path)).body).toMatchObject({ stageId: winner.stageId, version: 2 });
    const moves = (await owner.get(`/v1/companies/${deal.companyId}/timeline`)).body.items.filter(
      (e: any) => e.subjectType === 'deal' && e.action === 'moved',
    );
    expect(moves).toHaveLength(1);
  });

  it('needs a reason to lose a deal, and reopening clears it', async () => {
    const deal = await newDeal(owner);
    const path = `/v1/deals/${deal.dealId}`;
    const noReason = await owner.patch(path, { status: 'lost' }, { 'if-match': '1' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ path: 'lostReason', message: 'Required for a lost deal' }]);
    const lost = await owner.patch(path, { status: 'lost', lostReason: 'Went with Acme' }, { 'if-match': '1' });
    expect(lost.body).toMatchObject({ status: 'lost', stageId: 'lost', lostReason: 'Went with Acme', version: 2 });
    const reopened = await owner.patch(path, { status: 'open' }, { 'if-match': '2' });
    expect(reopened.body).toMatchObject({ status: 'open', stageId: 'qualified', version: 3 });
    expect(reopened.body.lostReason).toBeUndefined();
    expect(reopened.body.closedAt).toBeUndefined();
  });

  it('refuses bad input with a 400 naming the field, writing nothing', async () => {
    const company = await newCompany(owner, { stage: 'lead' });
    const other = await owner.post('/v1/pipelines', {
      name: 'Renewals',
      stages: [
        { name: 'Due', order: 0, probabilityBps: 6_000, kind: 'open' },
        { name: 'Renewed', order: 1, probabilityBps: 10_000, kind: 'won' },
        { name: 'Churned', order: 2, probabilityBps: 0, kind: 'lost' },
      ],
    });
    expect(other.status).toBe(201);
    const foreignStage = other.body.stages[0].stageId;
    const otherCompany = await newCompany(owner);
    const theirContact = await owner.post(`/v1/companies/${otherCompany.companyId}/contacts`, {
      firstName: 'Not',
      lastName: 'Theirs',
    });
    const base = { name: 'Bad', companyId: company.companyId, value: gbp(100), expectedCloseDate: '2026-05-01' };
    const cases: [Record<string, unknown>, string][] = [
      [{ stageId: 'nonexistent' }, 'stageId'],
      [{ stageId: foreignStage }, 'stageId'],
      [{ value: gbp(-1) }, 'value.amount'],
      [{ value: { amount: 10.5, currency: 'GBP' } }, 'value.amount'],
      [{ value: { amount: 10, currency: 'XYZ' } }, 'value.currency'],
      [{ value: { amount: 10, currency: 'gbp' } }, 'value.currency'],
      [{ expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
      [{ probabilityBps: 10_001 }, 'probabilityBps'],
      [{ pipelineId: 'nope' }, 'pipelineId'],
      [{ companyId: 'unknown' }, 'companyId'],
      [{ contactIds: [theirContact.body.contactId] }, 'contactIds.0'],
      [{ ownerId: 'nobody' }, 'ownerId'],
      [{ stageId: 'won', status: 'open' }, 'status'],
      [{ status: 'lost' }, 'lostReason'],
    ];
    for (const [fields, path] of cases) {
      const res = await owner.post('/v1/deals', { ...base, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(fields),
      ).toContain(path);
    }
    expect((await owner.get(`/v1/companies/${company.companyId}/deals`)).body.items).toEqual([]);
    expect((await owner.get(`/v1/companies/${company.companyId}`)).body).toMatchObject({ stage: 'lead', version: 1 });

    const deal = await newDeal(owner, { companyId: company.companyId });
    const moveToForeign = await owner.patch(`/v1/deals/${deal.dealId}`, { stageId: foreignStage }, { 'if-match': '1' });
    expect(moveToForeign.status).toBe(400);
    expect(moveToForeign.body.errors[0].path).toBe('stageId');
    const moved = await owner.patch(
      `/v1/deals/${deal.dealId}`,
      { pipelineId: other.body.pipelineId, stageId: foreignStage },
      { 'if-match': '1' },
    );
    expect(moved.body).toMatchObject({ pipelineId: other.body.pipelineId, stageId: foreignStage, version: 2 });
    expect(
      (await owner.patch(`/v1/deals/${deal.dealId}`, { companyId: otherCompany.companyId }, { 'if-match': '2' }))
        .status,
    ).toBe(400);
  });

  it('creates once for a retried request with the same Idempotency-Key', async () => {
    const company = await newCompany(owner);
    const body = { name: 'Retried', companyId: company.companyId, value: gbp(5), expectedCloseDate: '2026-06-01' };
    const key = { 'idempotency-key': `deal-${unique()}` };
    const [a, b] = [await owner.post('/v1/deals', body, key), await owner.post('/v1/deals', body, key)];
    expect(b.body.dealId).toBe(a.body.dealId);
    expect((await owner.get(`/v1/companies/${company.companyId}/deals`)).body.items).toHaveLength(1);
  });

  it('lists by pipeline and stage, owner, close month and status, and pages with a cursor', async () => {
    const { owner: o } = await newTenant('Deal lists');
    const sales = await newMember(o, 'sales');
    const company = await newCompany(o);
    const made = [
      await newDeal(o, { companyId: company.companyId, name: 'March one', expectedCloseDate: '2026-03-02' }),
      await newDeal(o, {
        companyId: company.companyId,
        name: 'March two',
        expectedCloseDate: '2026-03-30',
        stageId: 'proposal',
      }),
      await newDeal(o, {
        companyId: company.companyId,
        name: 'April',
        expectedCloseDate: '2026-04-01',
        ownerId: sales.user.userId,
      }),
      await newDeal(o, {
        companyId: company.companyId,
        name: 'Won one',
        expectedCloseDate: '2026-02-01',
        stageId: 'won',
      }),
    ];
    const names = async (q: string) => (await o.get(`/v1/deals${q}`)).body.items.map((d: { name: string }) => d.name);
    expect(await names('')).toEqual(['Won one', 'March one', 'March two', 'April']);
    expect(await names('?closeMonth=2026-03')).toEqual(['March one', 'March two']);
    expect(await names(`?ownerId=${sales.user.userId}`)).toEqual(['April']);
    expect(await names('?status=won')).toEqual(['Won one']);
    expect(await names('?pipelineId=default&stageId=proposal')).toEqual(['March two']);
    expect(await names('?pipelineId=default&closeMonth=2026-03')).toEqual(
      expect.arrayContaining(['March one', 'March two']),
    );
    expect(await names('?stageId=qualified')).toEqual(['March one', 'April']);
    const first = await o.get('/v1/deals?limit=3');
    expect(first.body.cursor).toEqual(expect.any(String));
    const rest = await o.get(`/v1/deals?limit=3&cursor=${first.body.cursor}`);
    expect(rest.body.items.map((d: { name: string }) => d.name)).toEqual(['April']);
    const tab = await o.get(`/v1/companies/${company.companyId}/deals`);
    expect(tab.body.items.map((d: { dealId: string }) => d.dealId)).toEqual(made.map((d) => d.dealId).reverse());
    expect(tab.body.items[0].companyName).toBe(company.name);
    expect((await o.get('/v1/deals?closeMonth=2026-13')).status).toBe(400);
  });

  it('is found by search as a deal, and goes with its company', async () => {
    const name = `Quasar rollout ${unique()}`;
    const deal = await newDeal(owner, { name });
    const found = await owner.get('/v1/search?q=quasar');
    expect(found.body.items).toContainEqual(expect.objectContaining({ kind: 'deal', id: deal.dealId, title: name }));
    expect((await owner.delete(`/v1/companies/${deal.companyId}`)).status).toBe(204);
    expect((await owner.get(`/v1/deals/${deal.dealId}`)).status).toBe(404);
    const after = await owner.get('/v1/search?q=quasar');
    expect(after.body.items.map((h: { id: string }) => h.id)).not.toContain(deal.dealId);
  });

  it('deletes a deal, recording it on the company timeline', async () => {
    const deal = await newDeal(owner);
    expect((await owner.delete(`/v1/deals/${deal.dealId}`)).status).toBe(204);
    expect((await owner.get(`/v1/deals/${deal.dealId}`)).status).toBe(404);
    const timeline = (await owner.get(`/v1/companies/${deal.companyId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ subjectType: 'deal', action: 'deleted', subjectName: deal.name });
  });

  it('answers 404 to another workspace for a deal, and never lists or finds it', async () => {
    const { owner: stranger } = await newTenant('Deals stranger');
    const deal = await newDeal(owner, { name: `Zebra secret deal ${unique()}` });
    expect((await stranger.get(`/v1/deals/${deal.dealId}`)).status).toBe(404);
    expect((await stranger.patch(`/v1/deals/${deal.dealId}`, { stageId: 'won' }, { 'if-match': '1' })).status).toBe(
      404,
    );
    expect((await stranger.delete(`/v1/deals/${deal.dealId}`)).status).toBe(404);
    expect((await stranger.get(`/v1/companies/${deal.companyId}/deals`)).status).toBe(404);
    const onTheirCompany = await stranger.post('/v1/deals', {
      name: 'Intruder',
      companyId: deal.companyId,
      value: gbp(1),
      expectedCloseDate: '2026-01-01',
    });
    expect(onTheirCompany.status).toBe(400);
    expect(onTheirCompany.body.errors).toEqual([{ path: 'companyId', message: 'Unknown company' }]);
    expect(JSON.stringify((await stranger.get('/v1/deals')).body)).not.toMatch(/Zebra/);
    expect(JSON.stringify((await stranger.get('/v1/search?q=zebra')).body)).not.toMatch(/Zebra/);
    expect((await owner.get(`/v1/deals/${deal.dealId}`)).body).toMatchObject({ version: 1, stageId: 'qualified' });
  });
});

describe('forecast', () => {
  it('weights each deal by its probability, rounds half up per deal, and never adds currencies', async () => {
    const { owner: o } = await newTenant('Forecast');
    const sales = await newMember(o, 'sales');
    const company = await newCompany(o);
    const deal = (fields: Record<string, unknown>) => newDeal(o, { companyId: company.companyId, ...fields });
    // Proposal is 50%: 333 × 0.5 = 166.5 → 167.
    await deal({ value: gbp(333), stageId: 'proposal', expectedCloseDate: '2026-03-10' });
    // Its own 25%: 1001 × 0.25 = 250.25 → 250.
    await deal({ value: gbp(1001), probabilityBps: 2_500, expectedCloseDate: '2026-03-31' });
    // Negotiation is 75%: 999 × 0.75 = 749.25 → 749; another owner.
    await deal({
      value: { amount: 999, currency: 'USD' },
      stageId: 'negotiation',
      expectedCloseDate: '2026-03-15',
      ownerId: sales.user.userId,
    });
    // Won counts in full; lost not at all; outside the range not at all.
    await deal({ value: { amount: 1000, currency: 'EUR' }, stageId: 'won', expectedCloseDate: '2026-04-01' });
    await deal({ value: gbp(5000), stageId: 'lost', lostReason: 'Budget', expectedCloseDate: '2026-03-20' });
    await deal({ value: gbp(7000), expectedCloseDate: '2026-05-01' });
    await deal({ value: gbp(7000), expectedCloseDate: '2026-02-28' });

    const res = await o.get('/v1/forecast?from=2026-03&to=2026-04');
    expect(res.status).toBe(200);
    const me = (await o.get('/v1/me')).body.userId;
    expect(res.body).toMatchObject({ from: '2026-03', to: '2026-04', rounding: expect.stringMatching(/half up/) });
    expect(res.body.rows).toEqual(
      [
        { month: '2026-03', ownerId: me, currency: 'GBP', deals: 2, value: gbp(1334), weighted: gbp(417) },
        {
          month: '2026-03',
          ownerId: sales.user.userId,
          currency: 'USD',
          deals: 1,
          value: { amount: 999, currency: 'USD' },
          weighted: { amount: 749, currency: 'USD' },
        },
        {
          month: '2026-04',
          ownerId: me,
          currency: 'EUR',
          deals: 1,
          value: { amount: 1000, currency: 'EUR' },
          weighted: { amount: 1000, currency: 'EUR' },
        },
      ].sort((a, b) => a.month.localeCompare(b.month) || a.ownerId.localeCompare(b.ownerId)),
    );
    expect(res.body.totals.map((t: any) => `${t.currency} ${t.deals} ${t.value.amount} ${t.weighted.amount}`)).toEqual([
      'EUR 1 1000 1000',
      'GBP 2 1334 417',
      'USD 1 999 749',
    ]);
    const mine = await o.get(`/v1/forecast?from=2026-03&to=2026-04&ownerId=${sales.user.userId}`);
    expect(mine.body.totals).toEqual([
      {
        currency: 'USD',
        deals: 1,
        value: { amount: 999, currency: 'USD' },
        weighted: { amount: 749, currency: 'USD' },
      },
    ]);
    expect((await o.get('/v1/forecast?from=2026-04&to=2026-03')).body.errors[0].path).toBe('to');
    expect((await o.get('/v1/forecast?from=2026-01&to=2028-01')).status).toBe(400);
  });
});
