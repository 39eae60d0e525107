import type { Browser } from 'playwright-core';
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

const gbp = (amount: number) => ({ amount, currency: 'GBP' });

describe('an AI-drafted quote in the browser', () => {
  it('drafts Good/Better/Best from the catalog, flags what needs a price, and saves only when the seller creates the quote', async () => {
    const { owner, ownerEmail } = await newTenant('Draft Co');
    const company = await newCompany(owner, { name: 'Café Łódź Systems', stage: 'opportunity' });
    for (const [code, name, unit, price] of [
      ['LAP-14', 'Zoë laptop', 'each', 100_000],
      ['FW-1', 'Office firewall', 'each', 60_000],
    ] as const)
      expect(
        (await owner.post('/v1/products', { code, name, unit, category: 'Hardware', unitPrice: gbp(price) })).status,
      ).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/quotes/new?companyId=${company.companyId}`);
    await page.getByRole('button', { name: 'Draft with AI' }).click();
    const dialog = page.getByRole('dialog', { name: 'Draft a quote with AI' });
    await dialog.getByLabel('Requirements').fill('10 laptops, a firewall and structured cabling');
    await dialog.getByRole('button', { name: 'Draft quote' }).click();

    await visible(dialog.getByRole('button', { name: 'Use this draft' }));
    const good = dialog.getByRole('region', { name: 'Draft: Good' });
    await visible(good.getByText('Zoë laptop'));
    await visible(dialog.getByText(/Not in your catalog, so priced at zero: Structured cabling/));
    await shoot(page, 'quote-draft-preview');
    // Nothing is saved by drafting.
    expect((await owner.get(`/v1/quotes?companyId=${company.companyId}`)).body.items).toEqual([]);

    await dialog.getByRole('button', { name: 'Use this draft' }).click();
    await visible(page.getByText('Lines to price'));
    await expect.poll(() => page.getByLabel('Option name').first().inputValue()).toBe('Good');
    await page.getByRole('button', { name: 'Create quote' }).first().click();
    await visible(page.getByRole('heading', { name: /^Q-\d{4}-0001: / }));
    const [saved] = (await owner.get(`/v1/quotes?companyId=${company.companyId}`)).body.items;
    expect(saved.tiers.map((t: { name: string }) => t.name)).toEqual(['Good', 'Better', 'Best']);
    const laptops = saved.tiers[0].lines.find((l: { description: string }) => l.description === 'Zoë laptop');
    expect(laptops).toMatchObject({ quantity: 10, unitPrice: gbp(100_000), priceSource: 'list' });
    expect(saved.notes).toMatch(/^Scope: /);
    await page.close();
  });
});
