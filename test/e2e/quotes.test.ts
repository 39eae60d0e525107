import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, outputs } from '../support/api.js';
import { launchChromium, shoot, signInToCompanies, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const total = (page: Page, tier: string) => page.getByTestId(`totals-${tier}`).getByTestId('total');

describe('quotes in the browser', () => {
  // Approval by another owner, sending and the customer's signature: quote-to-signature.test.ts.
  it('builds a three-tier quote from the catalog and a free line with live totals, refuses a typed mistake, and submits it', async () => {
    const { owner, ownerEmail } = await newTenant('Quote Builder Co');
    const company = await newCompany(owner, { name: 'Łódź Logistics', stage: 'opportunity' });
    const product = await owner.post('/v1/products', {
      code: 'LAP-14',
      name: 'Zoë laptop',
      unit: 'each',
      unitPrice: { amount: 100_000, currency: 'GBP' },
      taxRateBps: 2_000,
    });
    expect(product.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}?tab=quotes`);
    await visible(page.getByText('No quotes with this company yet'));
    await page.getByRole('link', { name: 'New quote' }).click();
    await visible(page.getByRole('heading', { name: 'New quote' }));
    // Prefilled from the company page: the company is fixed.
    await expect.poll(() => page.getByLabel('Company').inputValue()).toBe('Łódź Logistics');
    await page.getByLabel('Title').fill('Laptops for the depot');

    // A catalog line, found by search whatever the accents, and a free line.
    await page.getByRole('button', { name: 'Add from catalog to Lines' }).click();
    await page.getByLabel('Search the catalog').fill('zoe');
    await page.getByRole('button', { name: 'Add Zoë laptop' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Add a free line to Lines' }).click();
    await page.getByLabel('Description of line 2 in Lines').fill('Set-up');
    await page.getByLabel('Quantity of Set-up').fill('2');
    await page.getByLabel('Unit price of Set-up').fill('100');
    await expect.poll(() => total(page, 'Lines').textContent()).toBe('£1,440.00');
    await visible(page.getByText('Live: not saved yet'));

    // Alt+↑ moves the free line above the laptop; the move-down button puts it back.
    await page.getByLabel('Quantity of Set-up').press('Alt+ArrowUp');
    await expect
      .poll(() =>
        page
          .getByTestId('line-Lines-0')
          .getByLabel(/^Description/)
          .inputValue(),
      )
      .toBe('Set-up');
    await page.getByRole('button', { name: 'Move Set-up down' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('line-Lines-0')
          .getByLabel(/^Description/)
          .inputValue(),
      )
      .toBe('Zoë laptop');

    // Good / Better / Best starts each option from these lines; each is then its own.
    await page.getByRole('button', { name: 'Good / Better / Best' }).click();
    const better = page.getByRole('region', { name: 'Option Better' });
    const best = page.getByRole('region', { name: 'Option Best' });
    const good = page.getByRole('region', { name: 'Option Good' });
    await better.getByLabel('Quantity of Zoë laptop').fill('2');
    await best.getByLabel('Quantity of Zoë laptop').fill('2.5');
    // 20 % off the laptop in Good: over the 15 % the approval rule allows.
    await good.getByLabel('Discount of Zoë laptop').fill('20');
    await expect.poll(() => total(page, 'Good').textContent()).toBe('£1,200.00');
    await expect.poll(() => total(page, 'Better').textContent()).toBe('£2,640.00');
    await expect.poll(() => total(page, 'Best').textContent()).toBe('£3,240.00');
    // A typed mistake is refused on its cell before anything is sent.
    await best.getByLabel('Quantity of Set-up').fill('two');
    await page.getByRole('button', { name: 'Create quote' }).first().click();
    await visible(best.getByText('Enter a number'));
    expect((await owner.get('/v1/quotes')).body.items).toHaveLength(0);
    await best.getByLabel('Quantity of Set-up').fill('2');
    await shoot(page, 'quote-builder-tiers-1280');

    await page.getByRole('button', { name: 'Create quote' }).first().click();
    await visible(page.getByRole('heading', { name: /^Q-\d{4}-0001: Laptops for the depot$/ }));
    await visible(page.getByText('Saved: as the server priced it').first());
    await expect.poll(() => total(page, 'Best').textContent()).toBe('£3,240.00');
    const [saved] = (await owner.get('/v1/quotes')).body.items;
    expect(saved.tiers.map((t: { totals: { total: { amount: number } } }) => t.totals.total.amount)).toEqual([
      120_000, 264_000, 324_000,
    ]);

    // The PDF preview says when it cannot be had, and offers to try again.
    await page.route('**/v1/quotes/*/pdf', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, title: 'Service Unavailable' }),
      }),
    );
    await page.getByRole('button', { name: 'Preview PDF' }).click();
    await visible(page.getByText(/^The PDF preview could not be loaded: /));
    await visible(page.getByRole('button', { name: 'Try again' }));
    await page.unroute('**/v1/quotes/*/pdf');

    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByText('Waiting for approval').first());
    await visible(page.getByText(/discounted by more than 15%/));
    // The submitter is no approver of their own quote.
    await visible(page.getByText('You submitted it: another owner or admin approves it.'));
    await shoot(page, 'quote-waiting-1280');

    await page.goto(`${outputs.WebUrl}/quotes`);
    await visible(page.getByRole('link', { name: saved.number, exact: true }));
    await shoot(page, 'quotes-list-1280');
    await page.close();
  });
});
