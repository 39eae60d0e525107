import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, lastEmailTo, newCompany, newTenant, unique, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const line = (description: string, amount: number, extra: Record<string, unknown> = {}) => ({
  description,
  quantity: 1,
  unitPrice: gbp(amount),
  taxRateBps: 2_000,
  ...extra,
});
const dir = mkdtempSync(join(tmpdir(), 'quote-public-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let owner: Client;
let ownerEmail: string;
let company: { companyId: string };

beforeAll(async () => {
  ({ owner, ownerEmail } = await newTenant('Public quotes'));
  company = await newCompany(owner, { name: 'Café Łódź Systems' });
});

/** A three-tier quote for a new contact, submitted (no rule catches it) and sent; its emailed link's token. */
async function sentQuote(fields: Record<string, unknown> = {}) {
  const email = `zoe-${unique()}@customer.test`;
  const contact = await owner.post(`/v1/companies/${company.companyId}/contacts`, {
    firstName: 'Zoë',
    lastName: 'Kowalska',
    emails: [{ address: email, type: 'work', primary: true }],
  });
  const deal = await owner.post('/v1/deals', {
    name: `Support ${unique()}`,
    companyId: company.companyId,
    value: gbp(1),
    expectedCloseDate: '2099-06-30',
  });
  const created = await owner.post('/v1/quotes', {
    companyId: company.companyId,
    dealId: deal.body.dealId,
    contactId: contact.body.contactId,
    title: 'Managed support',
    currency: 'GBP',
    validUntil: '2099-12-31',
    tiers: [
      { name: 'Good', lines: [line('Basic support', 10_000)] },
      {
        name: 'Better',
        lines: [line('Standard support', 20_000), line('Onsite visit', 5_000, { optional: true })],
      },
      { name: 'Best', lines: [line('Premium support', 40_000)] },
    ],
    ...fields,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.quoteId;
  const submitted = await owner.post(`/v1/quotes/${id}/submit`, undefined, { 'if-match': '1' });
  expect(submitted.body.status).toBe('approved');
  const sent = await owner.post(`/v1/quotes/${id}/send`, { message: 'As discussed.' }, { 'if-match': '2' });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const mail = await lastEmailTo(email);
  const token = /quote\.html#([A-Za-z0-9_.-]+)/.exec(mail.body.text ?? '')?.[1];
  expect(token).toBeTruthy();
  return { quote: sent.body, token: token!, mail, dealId: deal.body.dealId as string };
}

/** Asks for the PDF until the PDF function has drawn it (the queue runs it moments later). */
async function pdfOf(quoteId: string): Promise<Buffer> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await owner.post(`/v1/quotes/${quoteId}/pdf`);
    if (res.status === 200) return Buffer.from(await (await fetch(res.body.url)).arrayBuffer());
    expect(res.status).toBe(202);
    if (Date.now() > deadline) throw new Error('PDF not drawn in 30 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const textOf = (pdf: Buffer) => {
  const file = join(dir, `${unique()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

const publicQuote = (token: string, path = '', body?: unknown) =>
  call(body === undefined && !path ? 'GET' : 'POST', `/v1/public/quotes/${token}${path}`, {
    body,
    headers: { 'user-agent': 'QuoteflowTest/1.0' },
  });

describe('sending and accepting a quote', () => {
  it('emails the link, locks the revision, and the customer accepts a tier with an optional line', async () => {
    const { quote, token, mail } = await sentQuote();
    expect(quote.status).toBe('sent');
    expect(mail.subject).toMatch(new RegExp(`^Quote ${quote.number} from Public quotes \\w+: Managed support$`));
    expect(mail.body.text).toContain('As discussed.');

    // Sent is locked.
    const edit = await owner.patch(
      `/v1/quotes/${quote.quoteId}`,
      { title: 'Changed' },
      { 'if-match': String(quote.version) },
    );
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toMatch(/revise it/);

    const sentPdf = await pdfOf(quote.quoteId);
    const text = textOf(sentPdf);
    for (const words of [
      quote.number,
      'Café Łódź Systems',
      'Zoë Kowalska',
      'Good',
      'Better',
      'Best',
      '£120.00',
      '£240.00',
      '£480.00',
    ])
      expect(text, words).toContain(words);

    const opened = await publicQuote(token);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ number: quote.number, status: 'viewed', companyName: 'Café Łódź Systems' });
    expect(opened.body.tiers[1].lines[0].priceSource).toBeUndefined();
    expect((await owner.get(`/v1/quotes/${quote.quoteId}`)).body.status).toBe('viewed');

    const noTier = await publicQuote(token, '/accept', {
      name: 'Zoë Kowalska',
      signature: { kind: 'typed', text: 'Zoë K' },
    });
    expect(noTier.status).toBe(400);
    expect(noTier.body.errors[0].path).toBe('tierName');

    const optional = opened.body.tiers[1].lines[1];
    const accepted = await publicQuote(token, '/accept', {
      name: 'Zoë Kowalska',
      signature: { kind: 'typed', text: 'Zoë K' },
      tierName: 'Better',
      optionalLineIds: [optional.lineId],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    // Standard £200 + onsite £50, 20% VAT.
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      chosenTier: 'Better',
      acceptedBy: 'Zoë Kowalska',
      acceptedTotal: gbp(30_000),
    });

    const stored = (await owner.get(`/v1/quotes/${quote.quoteId}`)).body;
    expect(stored).toMatchObject({ status: 'accepted', chosenTier: 'Better', headlineTotal: gbp(30_000) });
    const again = await publicQuote(token, '/accept', {
      name: 'Zoë',
      signature: { kind: 'typed', text: 'Z' },
      tierName: 'Good',
    });
    expect(again.status).toBe(409);
    expect((await publicQuote(token, '/decline', {})).status).toBe(409);

    // The signed copy: the acceptance page names what was accepted and the PDF it was shown.
    const deadline = Date.now() + 30_000;
    let signed = '';
    while (!signed.includes('Zoë Kowalska') || !signed.toLowerCase().includes('accept')) {
      if (Date.now() > deadline) throw new Error('signed PDF not drawn');
      await new Promise((r) => setTimeout(r, 250));
      signed = textOf(await pdfOf(quote.quoteId));
    }
    expect(signed.replace(/\s+/g, '')).toContain(createHash('sha256').update(sentPdf).digest('hex'));
    expect(signed).toContain('£300.00');
    expect(signed).toContain('QuoteflowTest/1.0');

    const seller = await lastEmailTo(ownerEmail);
    expect(seller.subject).toBe(`Quote ${quote.number} accepted by Zoë Kowalska`);
  });

  it('wins the deal at the accepted total and makes the company a customer', async () => {
    const { quote, token, dealId } = await sentQuote();
    await pdfOf(quote.quoteId);
    const res = await publicQuote(token, '/accept', {
      name: 'Zoë',
      signature: { kind: 'typed', text: 'Zoë' },
      tierName: 'Best',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const deal = (await owner.get(`/v1/deals/${dealId}`)).body;
    expect(deal).toMatchObject({ status: 'won', value: gbp(48_000) });
    expect((await owner.get(`/v1/companies/${company.companyId}`)).body.stage).toBe('customer');
  });

  it('records a decline and its reason, and then refuses acceptance', async () => {
    const { quote, token } = await sentQuote();
    const declined = await publicQuote(token, '/decline', { reason: 'Too expensive for us this year' });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const stored = (await owner.get(`/v1/quotes/${quote.quoteId}`)).body;
    expect(stored).toMatchObject({ status: 'declined', declineReason: 'Too expensive for us this year' });
    const timeline = (await owner.get(`/v1/companies/${company.companyId}/timeline?limit=100`)).body.items;
    expect(
      timeline.find(
        (e: { action: string; subjectId: string }) => e.action === 'declined' && e.subjectId === quote.quoteId,
      ),
    ).toMatchObject({ detail: { reason: 'Too expensive for us this year' } });
    const accept = await publicQuote(token, '/accept', {
      name: 'Zoë',
      signature: { kind: 'typed', text: 'Z' },
      tierName: 'Good',
    });
    expect(accept.status).toBe(409);
    // Revising starts revision 2; the old link now says it was replaced.
    const revised = await owner.post(`/v1/quotes/${quote.quoteId}/revise`, undefined, {
      'if-match': String(stored.version),
    });
    expect(revised.body).toMatchObject({ status: 'draft', revision: 2 });
    expect(
      (await publicQuote(token, '/accept', { name: 'Z', signature: { kind: 'typed', text: 'Z' }, tierName: 'Good' }))
        .status,
    ).toBe(410);
  });

  it('refuses an expired quote with 410 and shows it as expired', async () => {
    const { quote, token } = await sentQuote();
    // Time passes: the validity date is behind us (written in the table, as no route may move a sent quote's date).
    const db = await tableDb();
    const tenantId = token.split('.')[0]!;
    await db.entities.quote.patch({ tenantId, quoteId: quote.quoteId }).set({ validUntil: '2020-01-31' }).go();
    const opened = await publicQuote(token);
    expect(opened.body.status).toBe('expired');
    const res = await publicQuote(token, '/accept', {
      name: 'Zoë',
      signature: { kind: 'typed', text: 'Z' },
      tierName: 'Good',
    });
    expect(res.status).toBe(410);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('refuses to send a quote whose validity date has passed', async () => {
    const created = await owner.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Late',
      currency: 'GBP',
      validUntil: '2020-01-31',
      lines: [line('x', 100)],
    });
    await owner.post(`/v1/quotes/${created.body.quoteId}/submit`, undefined, { 'if-match': '1' });
    const res = await owner.post(`/v1/quotes/${created.body.quoteId}/send`, { to: ['a@b.test'] }, { 'if-match': '2' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('validUntil');
  });

  it('answers 404 to a tampered or unknown token, revealing nothing', async () => {
    const { token } = await sentQuote();
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const t of [
      tampered,
      `${token.split('.')[0]}.${'x'.repeat(43)}`,
      `01ZZZZZZZZZZZZZZZZZZZZZZZZ.${token.split('.')[1]}`,
      'nope',
    ]) {
      const res = await publicQuote(t);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Łódź|Managed|Q-/);
      expect((await publicQuote(t, '/accept', { name: 'Z', signature: { kind: 'typed', text: 'Z' } })).status).toBe(
        404,
      );
    }
  });

  it('refuses to send a quote that is not approved, and a bad recipient', async () => {
    const draft = await owner.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Draft',
      currency: 'GBP',
      lines: [line('x', 100)],
    });
    const res = await owner.post(`/v1/quotes/${draft.body.quoteId}/send`, { to: ['a@b.test'] }, { 'if-match': '1' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/submit it first/);
    const bad = await owner.post(
      `/v1/quotes/${draft.body.quoteId}/send`,
      { to: ['not-an-email'] },
      { 'if-match': '1' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('to.0');
  });
});
