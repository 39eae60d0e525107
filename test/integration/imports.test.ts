import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import { newCompany, newMember, newTenant, unique, type Client } from '../support/api.js';
import { CHUNK_ROWS } from '../../functions/imports/schema.js';
import { tableDb } from '../support/table.js';

const sqs = new SQSClient({
  endpoint: inject('sqsEndpoint'),
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  useQueueUrlAsEndpoint: false,
});
const urls = inject('queueUrls');

const companyMapping = {
  Company: 'name',
  Website: 'domain',
  'Company No': 'companyNumber',
  Country: 'address.country',
};

/** Polls an import until it is done. */
async function finished(owner: Client, importId: string, timeoutMs = 220_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await owner.get(`/v1/imports/${importId}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'done') return res.body;
    if (Date.now() > deadline) throw new Error(`import still ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function tenantIdOf(owner: Client): Promise<string> {
  return (await owner.get('/v1/me')).body.tenant.tenantId;
}

async function companiesIn(tenantId: string) {
  const db = await tableDb();
  return (await db.entities.company.query.byId({ tenantId }).go({ pages: 'all' })).data;
}

/** Uploads a CSV the way the SPA does: a presigned PUT, then its key. */
async function upload(owner: Client, csv: string): Promise<string> {
  const res = await owner.post('/v1/imports/uploads', { fileName: 'big.csv' });
  expect(res.status).toBe(201);
  const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: csv });
  expect(put.status).toBe(200);
  return res.body.uploadKey;
}

/**
 * The issue's file is 10,000 rows with 100 bad ones. DynamoDB Local writes ~9 items a row at
 * 10–100 rows/s on a 2-core machine, so the suite runs the same file shape at 1,000 rows with the
 * same 100 bad rows; IMPORT_TEST_ROWS=10000 runs the full size, and `npm run bench` times it.
 */
const ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 1_000);
const BAD_EVERY = ROWS / 100;
const GOOD = ROWS - 100;

describe('CSV import of companies', () => {
  it(
    `writes ${GOOD} of ${ROWS} rows once, reports exactly the 100 bad ones by row and column, even with a chunk delivered twice`,
    { timeout: ROWS * 300 },
    async () => {
      const { owner } = await newTenant('Import big');
      const tenantId = await tenantIdOf(owner);
      const tag = unique();
      const bad = new Set<number>();
      const lines = ['Company,Website,Company No,Country'];
      for (let i = 0; i < ROWS; i++) {
        const spreadsheetRow = i + 2;
        if (i % BAD_EVERY === 4) {
          bad.add(spreadsheetRow);
          // Half of the bad rows have a domain the API refuses, half a country that is no ISO code.
          lines.push(
            i % (2 * BAD_EVERY) === 4 ? `Bad ${i},not a domain,,GB` : `Bad ${i},bad${i}.example,,United Kingdom`,
          );
        } else {
          lines.push(`Firm${tag} ${i},firm${i}-${tag}.example,N${i},GB`);
        }
      }
      const uploadKey = await upload(owner, lines.join('\n'));
      const started = await owner.post('/v1/imports', {
        kind: 'companies',
        uploadKey,
        mapping: companyMapping,
        onDuplicate: 'skip',
      });
      expect(started.status).toBe(202);
      const { importId } = started.body;
      // A redelivery of the first chunk while the import runs, and of the last one.
      for (const chunk of [0, 0, Math.ceil(GOOD / CHUNK_ROWS) - 1]) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: urls['import-chunks'],
            MessageBody: JSON.stringify({ tenantId, importId, chunk }),
          }),
        );
      }

      const done = await finished(owner, importId);
      expect(done).toMatchObject({
        total: ROWS,
        processed: ROWS,
        created: GOOD,
        updated: 0,
        skipped: 0,
        failed: 100,
      });

      // Once more after it finished, straight through the consumer: nothing changes.
      const { importChunk } = await import('../../functions/imports/chunk.js');
      const { defaultDeps } = await import('../../functions/shared/deps.js');
      await importChunk({ tenantId, importId, chunk: 3 }, defaultDeps);
      expect((await owner.get(`/v1/imports/${importId}`)).body).toMatchObject({ created: GOOD, failed: 100 });
      expect(await companiesIn(tenantId)).toHaveLength(GOOD);

      const report = await fetch(done.errorReportUrl);
      expect(report.status).toBe(200);
      const rows = Papa.parse<Record<string, string>>(await report.text(), { header: true, skipEmptyLines: true }).data;
      expect(rows.map((r) => Number(r.row))).toEqual([...bad]);
      for (const r of rows) {
        const index = Number(r.row) - 2;
        expect(r, `row ${r.row}`).toMatchObject(
          index % (2 * BAD_EVERY) === 4
            ? { column: 'Website', field: 'domain' }
            : { column: 'Country', field: 'address.country' },
        );
      }

      // Imported like any create: findable by search, with a timeline entry by the importer.
      const found = await owner.get(`/v1/search?q=${encodeURIComponent(`firm${tag} 321`)}`);
      expect(found.body.items[0]).toMatchObject({ kind: 'company', title: `Firm${tag} 321` });
      const timeline = await owner.get(`/v1/companies/${found.body.items[0].id}/timeline`);
      expect(timeline.body.items).toEqual([expect.objectContaining({ action: 'created', subjectType: 'company' })]);
    },
  );
});

describe('import dry run and duplicates', () => {
  const csv = (rows: string[]) => ['Company,Website,Company No,Tags', ...rows].join('\n');

  it('previews the mapped rows and every error without writing anything', async () => {
    const { owner } = await newTenant('Import dry');
    const tenantId = await tenantIdOf(owner);
    await newCompany(owner, { name: 'Acme Widgets Ltd' });
    const rows = Array.from({ length: 30 }, (_, i) => `Co ${i},co${i}.example,,a;b`);
    rows[4] = ',nameless.example,,';
    rows[7] = 'Acme Widgets,acme-w.example,,';
    const res = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: csv(rows),
      mapping: companyMapping2(),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.preview).toHaveLength(20);
    expect(res.body.preview[0]).toEqual({
      row: 2,
      values: expect.objectContaining({ name: 'Co 0', domain: 'co0.example', tags: ['a', 'b'], stage: 'lead' }),
    });
    expect(res.body.errors).toEqual([{ row: 6, column: 'Company', field: 'name', message: 'Required' }]);
    expect(res.body.warnings).toEqual([expect.objectContaining({ row: 9, column: 'Company', field: 'name' })]);
    expect(res.body.counts).toEqual({ rows: 30, valid: 29, invalid: 1, create: 29, update: 0, skip: 0 });
    expect(await companiesIn(tenantId)).toHaveLength(1);
  });

  it('skips, updates or creates again a row whose domain or company number exists', { timeout: 60_000 }, async () => {
    const { owner } = await newTenant('Import dupes');
    const tenantId = await tenantIdOf(owner);
    const byDomain = await newCompany(owner, { name: 'Domain Holder', domain: 'holder.example', tags: ['old'] });
    const byNumber = await newCompany(owner, { name: 'Number Holder', companyNumber: 'SC123456' });
    const file = csv([
      'Renamed Holder,holder.example,,new',
      'Numbered Again,,SC 123456,',
      'Brand New,brand-new.example,,',
    ]);

    const dry = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: file,
      mapping: companyMapping2(),
      onDuplicate: 'update',
      dryRun: true,
    });
    expect(dry.body.counts).toMatchObject({ create: 1, update: 2, skip: 0 });

    const skip = await finished(
      owner,
      (
        await owner.post('/v1/imports', {
          kind: 'companies',
          csv: file,
          mapping: companyMapping2(),
          onDuplicate: 'skip',
        })
      ).body.importId,
    );
    expect(skip).toMatchObject({ created: 1, updated: 0, skipped: 2, failed: 0 });
    expect((await owner.get(`/v1/companies/${byDomain.companyId}`)).body).toMatchObject({
      name: 'Domain Holder',
      version: 1,
    });

    const update = await finished(
      owner,
      (
        await owner.post('/v1/imports', {
          kind: 'companies',
          csv: file,
          mapping: companyMapping2(),
          onDuplicate: 'update',
        })
      ).body.importId,
    );
    // Brand New exists now (from the skip run), so all three are updates; two change something.
    expect(update).toMatchObject({ created: 0, updated: 2, skipped: 1, failed: 0 });
    expect((await owner.get(`/v1/companies/${byDomain.companyId}`)).body).toMatchObject({
      name: 'Renamed Holder',
      tags: ['old', 'new'],
      version: 2,
    });
    expect((await owner.get(`/v1/companies/${byNumber.companyId}`)).body).toMatchObject({
      name: 'Numbered Again',
      version: 2,
    });

    const create = await finished(
      owner,
      (
        await owner.post('/v1/imports', {
          kind: 'companies',
          csv: file,
          mapping: companyMapping2(),
          onDuplicate: 'create',
        })
      ).body.importId,
    );
    expect(create).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(await companiesIn(tenantId)).toHaveLength(6);
  });

  it('skips a row repeating an earlier row of the same file', async () => {
    const { owner } = await newTenant('Import repeats');
    const file = csv(['One,same.example,,', 'Two,same.example,,', 'Three,other.example,,']);
    const res = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: file,
      mapping: companyMapping2(),
      dryRun: true,
    });
    expect(res.body.warnings).toEqual([{ row: 3, message: 'Repeats row 2 of this file: skipped' }]);
    const done = await finished(
      owner,
      (await owner.post('/v1/imports', { kind: 'companies', csv: file, mapping: companyMapping2() })).body.importId,
    );
    expect(done).toMatchObject({ total: 3, created: 2, skipped: 1 });
  });

  it('refuses a bad mapping with a 400 naming the field at fault', async () => {
    const { owner } = await newTenant('Import mapping');
    const file = csv(['One,one.example,,']);
    const unknownField = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: file,
      mapping: { Company: 'name', Website: 'homepage' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors).toEqual([
      { path: 'mapping.Website', message: 'Not a field of companies: "homepage"' },
    ]);
    const noColumn = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: file,
      mapping: { Company: 'name', Phone: 'domain' },
    });
    expect(noColumn.body.errors).toEqual([{ path: 'mapping.Phone', message: 'The file has no column "Phone"' }]);
    const noName = await owner.post('/v1/imports', { kind: 'companies', csv: file, mapping: { Website: 'domain' } });
    expect(noName.body.errors).toEqual([{ path: 'mapping', message: 'Map a column to name' }]);
    const neither = await owner.post('/v1/imports', { kind: 'companies', mapping: { Company: 'name' } });
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0].path).toBe('csv');
  });
});

describe('CSV import of contacts', () => {
  it('attaches contacts to companies by domain or name, matches duplicates by email and reports unknown companies', async () => {
    const { owner } = await newTenant('Import contacts');
    const acme = await newCompany(owner, { name: 'Acme Dental', domain: 'acme-dental.example' });
    const bravo = await newCompany(owner, { name: 'Bravo Logistics' });
    await owner.post(`/v1/companies/${acme.companyId}/contacts`, {
      firstName: 'Existing',
      lastName: 'Person',
      emails: [{ address: 'existing@acme-dental.example' }],
    });
    const file = [
      'First,Last,Company,Email,Title',
      'Ana,Nowak,acme-dental.example,ana@acme-dental.example,Dentist',
      'Bo,Berg,bravo logistics,bo@bravo.example,',
      'Ex,Isting,Acme Dental,EXISTING@acme-dental.example,Manager',
      'No,Body,Nowhere Ltd,no@body.example,',
      'Bad,Email,Acme Dental,not-an-email,',
    ].join('\n');
    const mapping = { First: 'firstName', Last: 'lastName', Company: 'company', Email: 'email', Title: 'jobTitle' };
    const dry = await owner.post('/v1/imports', { kind: 'contacts', csv: file, mapping, dryRun: true });
    expect(dry.body.errors).toEqual([
      { row: 5, column: 'Company', field: 'company', message: 'No company with the domain or name "Nowhere Ltd"' },
      { row: 6, column: 'Email', field: 'email', message: 'Enter a valid email address' },
    ]);
    const done = await finished(
      owner,
      (await owner.post('/v1/imports', { kind: 'contacts', csv: file, mapping, onDuplicate: 'update' })).body.importId,
    );
    expect(done).toMatchObject({ total: 5, created: 2, updated: 1, failed: 2 });
    const acmeContacts = (await owner.get(`/v1/companies/${acme.companyId}/contacts`)).body.items;
    expect(acmeContacts.map((c: any) => `${c.firstName} ${c.lastName} ${c.jobTitle ?? ''}`).sort()).toEqual([
      'Ana Nowak Dentist',
      'Ex Isting Manager',
    ]);
    expect((await owner.get(`/v1/companies/${bravo.companyId}/contacts`)).body.items).toEqual([
      expect.objectContaining({
        firstName: 'Bo',
        emails: [{ address: 'bo@bravo.example', type: 'work', primary: true }],
      }),
    ]);
    const report = await (await fetch(done.errorReportUrl)).text();
    expect(report).toContain('5,Company,company,"No company with the domain or name ""Nowhere Ltd"""');
  });
});

async function dealsIn(tenantId: string) {
  const db = await tableDb();
  return (await db.entities.deal.query.byId({ tenantId }).go({ pages: 'all' })).data;
}

describe('CSV import of deals', () => {
  const header = 'Deal,Company,Value,Close,Stage,Probability,Owner,Source';
  const mapping = {
    Deal: 'name',
    Company: 'company',
    Value: 'amount',
    Close: 'expectedCloseDate',
    Stage: 'stage',
    Probability: 'probability',
    Owner: 'owner',
    Source: 'source',
  };

  it(
    'creates each good row once through the deals service, even with its chunk delivered three times, and reports exactly the bad rows',
    { timeout: 60_000 },
    async () => {
      const { owner } = await newTenant('Import deals');
      const tenantId = await tenantIdOf(owner);
      const sales = await newMember(owner, 'sales');
      const lead = await newCompany(owner, { name: 'Lead Dental', domain: 'lead-dental.example', stage: 'lead' });
      const second = await newCompany(owner, { name: 'Second Logistics', stage: 'prospect' });
      const values = ['"42,000.50"', '42000', '"£1,250"', '  900 '];
      const stages = ['Proposal', 'qualified', 'NEGOTIATION', ''];
      const lines = [header];
      for (let i = 0; i < 20; i++) {
        const company = i % 2 ? 'second logistics' : 'LEAD-DENTAL.example';
        const deal = [`Deal ${i}`, company, values[i % 4], '2026-03-31', stages[i % 4], '40%', '', 'Referral'];
        if (i === 0) deal[6] = sales.user.email;
        if (i === 3) deal[1] = 'Nowhere Ltd';
        if (i === 7) deal[2] = '12k';
        if (i === 12) deal[4] = 'Closing';
        lines.push(deal.join(','));
      }
      const file = lines.join('\n');
      const expectedErrors = [
        { row: 5, column: 'Company', field: 'company', message: 'No company with the domain or name "Nowhere Ltd"' },
        { row: 9, column: 'Value', field: 'amount', message: 'Not an amount: use digits like 42,000.50' },
        {
          row: 14,
          column: 'Stage',
          field: 'stage',
          message: 'No stage "Closing" in Sales pipeline (Qualified, Proposal, Negotiation, Won, Lost)',
        },
      ];

      const dry = await owner.post('/v1/imports', { kind: 'deals', csv: file, mapping, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.errors).toEqual(expectedErrors);
      expect(dry.body.counts).toEqual({ rows: 20, valid: 17, invalid: 3, create: 17, update: 0, skip: 0 });
      expect(dry.body.preview[0]).toEqual({
        row: 2,
        values: expect.objectContaining({
          name: 'Deal 0',
          value: { amount: 4_200_050, currency: 'GBP' },
          company: 'LEAD-DENTAL.example',
          stage: 'Proposal',
          owner: sales.user.email,
        }),
      });
      expect(await dealsIn(tenantId)).toHaveLength(0);

      // onDuplicate does not apply to deals: "skip" still creates every row.
      const started = await owner.post('/v1/imports', { kind: 'deals', csv: file, mapping, onDuplicate: 'skip' });
      expect(started.status).toBe(202);
      const { importId } = started.body;
      const message = { tenantId, importId, chunk: 0 };
      // The chunk delivered again through the queue, and twice more straight through the consumer, all at once.
      await sqs.send(new SendMessageCommand({ QueueUrl: urls['import-chunks'], MessageBody: JSON.stringify(message) }));
      const { importChunk } = await import('../../functions/imports/chunk.js');
      const { defaultDeps } = await import('../../functions/shared/deps.js');
      await Promise.all([importChunk(message, defaultDeps), importChunk(message, defaultDeps)]);
      const done = await finished(owner, importId);
      expect(done).toMatchObject({ onDuplicate: 'create', total: 20, processed: 20, created: 17, failed: 3 });

      const deals = await dealsIn(tenantId);
      expect(deals).toHaveLength(17);
      expect(new Set(deals.map((d) => d.name)).size).toBe(17);
      const first = deals.find((d) => d.name === 'Deal 0')!;
      expect(first).toMatchObject({
        companyId: lead.companyId,
        value: { amount: 4_200_050, currency: 'GBP' },
        expectedCloseDate: '2026-03-31',
        stageId: 'proposal',
        probabilityBps: 4_000,
        ownerId: sales.user.userId,
        source: 'Referral',
      });
      expect(deals.find((d) => d.name === 'Deal 2')).toMatchObject({
        value: { amount: 125_000 },
        stageId: 'negotiation',
      });
      // No stage given: the pipeline's first stage; no owner given: the importer.
      const me = (await owner.get('/v1/me')).body;
      expect(deals.find((d) => d.name === 'Deal 11')).toMatchObject({
        value: { amount: 90_000 },
        stageId: 'qualified',
        ownerId: me.userId,
      });

      // The first open deal made each company an opportunity, once, on its timeline.
      for (const company of [lead, second]) {
        expect((await owner.get(`/v1/companies/${company.companyId}`)).body).toMatchObject({
          stage: 'opportunity',
          version: 2,
        });
      }
      const timeline = (await owner.get(`/v1/companies/${lead.companyId}/timeline?limit=100`)).body.items;
      expect(timeline.filter((e: any) => e.subjectType === 'deal' && e.action === 'created')).toHaveLength(9);
      expect(timeline.filter((e: any) => e.subjectType === 'company' && e.action === 'updated')).toHaveLength(1);
      // Findable by search like any deal.
      const found = await owner.get(`/v1/search?q=${encodeURIComponent('Deal 16')}`);
      expect(found.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deal' })]));

      const report = await (await fetch(done.errorReportUrl)).text();
      const rows = Papa.parse<Record<string, string>>(report, { header: true, skipEmptyLines: true }).data;
      expect(rows.map((r) => ({ ...r, row: Number(r.row) }))).toEqual(expectedErrors);
    },
  );

  it('takes the workspace currency by default, matches owners by email and wins make customers', async () => {
    const { owner } = await newTenant('Import deals 2');
    const tenantId = await tenantIdOf(owner);
    const settings = (await owner.get('/v1/settings/workspace')).body;
    await owner.patch('/v1/settings/workspace', { currency: 'EUR' }, { 'if-match': `"${settings.version}"` });
    const won = await newCompany(owner, { name: 'Won Works', stage: 'opportunity' });
    const file = [
      'Deal,Company,Value,Currency,Close,Stage,Owner,Probability,Lost',
      'Euro deal,Won Works,"1,000.5",,2026-04-30,Won,,,',
      'Yen deal,Won Works,1500,jpy,2026-04-30,,,,',
      'Yen cents,Won Works,1500.5,JPY,2026-04-30,,,,',
      'Stranger,Won Works,1,,2026-04-30,,nobody@example.test,,',
      'Lost one,Won Works,1,,2026-04-30,lost,,,',
      'Lost why,Won Works,1,,2026-04-30,lost,,,Too dear',
      'Sure thing,Won Works,1,,31/04/2026,,,140,',
    ].join('\n');
    const mapping = {
      Deal: 'name',
      Company: 'company',
      Value: 'amount',
      Currency: 'currency',
      Close: 'expectedCloseDate',
      Stage: 'stage',
      Owner: 'owner',
      Probability: 'probability',
      Lost: 'lostReason',
    };
    const dry = await owner.post('/v1/imports', { kind: 'deals', csv: file, mapping, dryRun: true });
    expect(dry.body.errors).toEqual([
      { row: 4, column: 'Value', field: 'amount', message: 'JPY has no minor units' },
      {
        row: 5,
        column: 'Owner',
        field: 'owner',
        message: 'No member of this workspace with the email "nobody@example.test"',
      },
      { row: 6, column: 'Lost', field: 'lostReason', message: 'Required for a lost deal' },
      { row: 8, column: 'Close', field: 'expectedCloseDate', message: 'Use a date like 2026-03-31' },
      { row: 8, column: 'Probability', field: 'probability', message: 'At most 100%' },
    ]);
    const done = await finished(
      owner,
      (await owner.post('/v1/imports', { kind: 'deals', csv: file, mapping })).body.importId,
    );
    expect(done).toMatchObject({ total: 7, created: 3, failed: 4 });
    const deals = await dealsIn(tenantId);
    expect(Object.fromEntries(deals.map((d) => [d.name, [d.value, d.status]]))).toEqual({
      'Euro deal': [{ amount: 100_050, currency: 'EUR' }, 'won'],
      'Yen deal': [{ amount: 1500, currency: 'JPY' }, 'open'],
      'Lost why': [{ amount: 100, currency: 'EUR' }, 'lost'],
    });
    expect((await owner.get(`/v1/companies/${won.companyId}`)).body.stage).toBe('customer');
  });

  it('refuses a deals mapping without its required fields, naming them', async () => {
    const { owner } = await newTenant('Import deals map');
    const res = await owner.post('/v1/imports', {
      kind: 'deals',
      csv: 'Deal,Company\nOne,Acme',
      mapping: { Deal: 'name', Company: 'company' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'mapping', message: 'Map a column to amount' },
      { path: 'mapping', message: 'Map a column to expectedCloseDate' },
    ]);
  });
});

describe('imports across tenants and roles', () => {
  it("never shows or continues another tenant's import, and viewers cannot import", async () => {
    const a = (await newTenant('Import iso A')).owner;
    const b = (await newTenant('Import iso B')).owner;
    const file = 'Company\nSecret Zebra';
    const started = await a.post('/v1/imports', { kind: 'companies', csv: file, mapping: { Company: 'name' } });
    await finished(a, started.body.importId);
    expect((await b.get(`/v1/imports/${started.body.importId}`)).status).toBe(404);
    // An upload key is looked up under the caller's own tenant only.
    const uploadKey = await upload(a, 'Company\nUploaded Zebra');
    const stolen = await b.post('/v1/imports', { kind: 'companies', uploadKey, mapping: { Company: 'name' } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([{ path: 'uploadKey', message: 'No such upload' }]);
    const viewer = await newMember(a, 'viewer');
    expect(
      (await viewer.client.post('/v1/imports', { kind: 'companies', csv: file, mapping: { Company: 'name' } })).status,
    ).toBe(403);
  });
});

function companyMapping2() {
  return { Company: 'name', Website: 'domain', 'Company No': 'companyNumber', Tags: 'tags' };
}
