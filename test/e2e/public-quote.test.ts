import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEmailTo, newCompany, newTenant, outputs, unique, type Client } from '../support/api.js';
import { launchChromium, shoot, signInToCompanies, visible } from '../support/browser.js';
import { tableDb } from '../support/table.js';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const line = (description: string, amount: number, extra: Record<string, unknown> = {}) => ({
  description,
  quantity: 1,
  unitPrice: gbp(amount),
  taxRateBps: 2_000,
  ...extra,
});

let browser: Browser;
let owner: Client;
let ownerEmail: string;
let companyId: string;

beforeAll(async () => {
  browser = await launchChromium();
  ({ owner, ownerEmail } = await newTenant('Northwind Support'));
  ({ companyId } = await newCompany(owner, { name: 'Café Łódź Systems' }));
  const branding = (await owner.get('/v1/settings/branding')).body;
  const saved = await owner.put(
    '/v1/settings/branding',
    { accentColour: '#0f766e', addressLines: ['1 Market Street'], footerTerms: 'Net 30.' },
    { 'if-match': `"${branding.version}"` },
  );
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

/** A three-tier quote, approved (no rule catches it) and sent to a new contact: the link from the local mailbox. */
async function sentQuote(fields: Record<string, unknown> = {}) {
  const email = `zoe-${unique()}@customer.test`;
  const contact = await owner.post(`/v1/companies/${companyId}/contacts`, {
    firstName: 'Zoë',
    lastName: 'Kowalska',
    emails: [{ address: email, type: 'work', primary: true }],
  });
  const created = await owner.post('/v1/quotes', {
    companyId,
    contactId: contact.body.contactId,
    title: 'Managed support',
    currency: 'GBP',
    validUntil: '2099-12-31',
    terms: 'Payment within 30 days of invoice.\nPrices exclude travel outside the M25.',
    tiers: [
      { name: 'Good', lines: [line('Basic support (business hours)', 10_000)] },
      {
        name: 'Better',
        lines: [line('Standard support (8–8, six days)', 20_000), line('Onsite visit', 5_000, { optional: true })],
      },
      { name: 'Best', lines: [line('Premium support (24/7)', 40_000), line('Quarterly review', 7_500)] },
    ],
    ...fields,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const quoteId = created.body.quoteId as string;
  expect((await owner.post(`/v1/quotes/${quoteId}/submit`, undefined, { 'if-match': '1' })).body.status).toBe(
    'approved',
  );
  const sent = await owner.post(`/v1/quotes/${quoteId}/send`, {}, { 'if-match': '2' });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const mail = await lastEmailTo(email);
  const link = /(\S+\/quote\.html#[A-Za-z0-9_.-]+)/.exec(mail.body.text ?? '')?.[1];
  expect(link, mail.body.text).toBeTruthy();
  expect(link!.startsWith(`${outputs.WebUrl}/quote.html#`)).toBe(true);
  return { quoteId, number: created.body.number as string, link: link! };
}

const totals = (page: Page) => page.getByTestId('quote-totals');

/** Nothing sticks out sideways (a phone would scroll the page left and right): the elements that do, if any. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  );

describe('the public quote page', () => {
  // The whole story at 1280 px with a drawn signature, and the seller's side: quote-to-signature.test.ts.
  // Here: the phone, the keyboard, a typed signature, the retry while the PDF is drawn, and a second opening.
  it('accepts a tier with an optional extra from the emailed link on a phone (375 px)', async () => {
    const width = 375;
    const { quoteId, number, link } = await sentQuote();
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const started = Date.now();
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'Managed support', level: 1 }));
    const firstRenderMs = Date.now() - started;
    const timing = await page.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      quoteShown: performance.getEntriesByName('quote-shown')[0]?.startTime,
    }));
    expect(timing.quoteShown).toBeGreaterThan(0);
    await visible(page.getByText(`Quote ${number}`, { exact: true }));
    await visible(page.getByText('Café Łódź Systems · Zoë Kowalska'));
    await visible(totals(page).getByText('Choose an option to see your total.'));
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, `public-quote-tiers-${width}`);

    // Keyboard: the tiers are one radio group.
    await page.getByRole('radio', { name: /Good/ }).check();
    await visible(totals(page).getByText('£120.00'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('radio', { name: /Better/ }).isChecked()).toBe(true);
    await visible(page.getByRole('heading', { name: 'Your total: Better' }));
    await visible(totals(page).getByText('£240.00'));
    // The optional visit adds £50 + £10 VAT.
    await page.getByRole('checkbox', { name: /Add Onsite visit/ }).check();
    await visible(totals(page).getByText('£300.00'));
    await visible(totals(page).getByText('Tax at 20% on £250.00'));

    // Accepting without a name or signature names both fields and sends nothing.
    await page.getByRole('button', { name: 'Accept quote' }).click();
    await visible(page.getByText('Enter your full name'));
    await visible(page.getByText('Type or draw your signature'));
    expect((await owner.get(`/v1/quotes/${quoteId}`)).body.status).toBe('viewed');

    await page.getByLabel('Your full name').fill('Zoë Kowalska');
    await page.getByLabel('Type your signature').fill('Zoë K');
    await visible(page.getByText(`I agree to quote ${number} (Better) for £300.00`));
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, `public-quote-signing-${width}`);
    // Accepting before the sent PDF is drawn answers 409: the page says so and tries again
    // by itself. The first answer is the API's own sentence; the retry reaches the API.
    let first = true;
    await page.route('**/v1/public/quotes/*/accept', (route) => {
      if (!first) return route.continue();
      first = false;
      return route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          status: 409,
          detail: 'The quote’s PDF is still being prepared: try again in a moment',
        }),
      });
    });
    await page.getByRole('button', { name: 'Accept quote' }).click();
    await visible(page.getByRole('button', { name: 'Accepting…' }));
    await visible(page.getByText('Your quote’s PDF is still being prepared. Trying again in a moment…'));
    // The sent PDF may still be being drawn: the page retries by itself.
    await visible(page.getByRole('heading', { name: 'Thank you: quote accepted' }), 40_000);
    await visible(page.getByText(/Zoë Kowalska accepted the Better option for £300\.00/));
    await visible(page.getByText('Onsite visit'));
    await shoot(page, `public-quote-accepted-${width}`);

    const seller = (await owner.get(`/v1/quotes/${quoteId}`)).body;
    expect(seller).toMatchObject({ status: 'accepted' });

    const pdf = page.getByRole('link', { name: 'Download PDF' });
    await visible(pdf);
    const res = await fetch((await pdf.getAttribute('href'))!);
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Opening the link again shows the thank-you page, not the form.
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Thank you: quote accepted' }));
    expect(await page.getByRole('button', { name: 'Accept quote' }).count()).toBe(0);
    console.info(
      `public quote page at ${width} px: first paint ${timing.firstPaint?.toFixed(0)} ms, quote shown ${timing.quoteShown?.toFixed(0)} ms after navigation (${firstRenderMs} ms seen by the test)`,
    );
    await page.close();
  });

  it('declines with a reason after a confirm step; the seller reads it and revises', async () => {
    const { quoteId, link } = await sentQuote();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(link);
    await page.getByRole('button', { name: 'Decline this quote' }).click();
    await page.getByLabel('Reason (optional)').fill('Too expensive for us this year');
    await page.getByRole('button', { name: 'Confirm decline' }).click();
    await visible(page.getByRole('heading', { name: 'You declined this quote' }));
    await shoot(page, 'public-quote-declined-1280');
    expect((await owner.get(`/v1/quotes/${quoteId}`)).body).toMatchObject({
      status: 'declined',
      declineReason: 'Too expensive for us this year',
    });
    await page.close();

    // The seller reads the reason on the quote's page.
    const seller = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(seller, ownerEmail);
    await seller.goto(`${outputs.WebUrl}/quotes/${quoteId}`);
    const status = seller.getByRole('region', { name: 'Status' });
    await visible(status.getByText('Declined', { exact: true }));
    await visible(status.getByText(/Declined by the customer on .*: “Too expensive for us this year”/));
    await shoot(seller, 'quote-declined-seller-1280');
    // Revise starts revision 2; the history lists the sent one and the new draft without a reload.
    await status.getByRole('button', { name: 'Revise' }).click();
    await visible(seller.getByText(/^Revision 2 of Q-\d{4}-\d{4} is a draft$/));
    const history = seller.getByRole('region', { name: 'Version history' });
    await visible(history.getByText('Revision 1', { exact: true }));
    await visible(history.getByText('(current, not sent)'));
    await visible(status.getByText('Draft', { exact: true }));
    await seller.close();
  });

  it('shows an expired quote and an invalid link for what they are', async () => {
    const { link, quoteId } = await sentQuote();
    // Time passes: the validity date is behind us (set in the table: no route moves a sent quote's date).
    const tenantId = link.split('#')[1]!.split('.')[0]!;
    await (await tableDb()).entities.quote.patch({ tenantId, quoteId }).set({ validUntil: '2020-01-31' }).go();
    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(link);
      await visible(page.getByRole('heading', { name: 'This quote can no longer be accepted' }));
      expect(await page.getByRole('button', { name: 'Accept quote' }).count()).toBe(0);
      await shoot(page, `public-quote-expired-${width}`);

      const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
      for (const url of [tampered, `${outputs.WebUrl}/quote.html`, `${outputs.WebUrl}/quote.html#nope`]) {
        await page.goto('about:blank');
        await page.goto(url);
        await visible(page.getByRole('heading', { name: 'This link is not valid' }));
        expect(await page.getByText('Managed support').count()).toBe(0);
      }
      await shoot(page, `public-quote-invalid-${width}`);
      await page.close();
    }
  });
});
