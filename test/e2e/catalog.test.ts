import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, outputs } from '../support/api.js';
import { launchChromium, navTo, shoot, signInToCompanies, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the catalog in the browser', () => {
  it('adds a product, finds it by search whatever the accents, and imports a CSV after a dry run', async () => {
    const { owner, ownerEmail } = await newTenant('Catalog Browser Co');
    await owner.post('/v1/suppliers', { name: 'Ingram Micro', markupBps: 2_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await navTo(page, 'Catalog');
    await visible(page.getByRole('heading', { name: 'Catalog', exact: true }));
    await visible(page.getByText('No products yet'));

    await page.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByLabel('Code').fill('ZOE-SUP');
    await dialog.getByLabel('Name').fill('Zoë’s support block');
    await dialog.getByLabel('Supplier').selectOption({ label: 'Ingram Micro (+20%)' });
    await dialog.getByLabel(/^Cost price/).fill('100.05');
    // Cost plus 20 %: 120.06, offered while the price is left empty.
    await visible(dialog.getByText('Leave empty for £120.06: cost plus 20% (rounded half up)'));
    await shoot(page, 'catalog-product-form-1280');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    await visible(page.getByText('Added Zoë’s support block'));
    await visible(page.getByRole('cell', { name: '£120.06' }));

    await page.getByLabel('Search products').fill('zoes');
    await visible(page.getByRole('button', { name: 'Zoë’s support block', exact: true }));
    await page.getByLabel('Search products').fill('nothing-like-it');
    await visible(page.getByText('No products match “nothing-like-it”'));
    await page.getByRole('button', { name: 'Show all active' }).click();

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const importer = page.getByRole('dialog', { name: 'Import products' });
    const csv = [
      'Code,Name,Unit,Price,Tax rate',
      'NW-LAP,Łódź laptop,each,"1,299.00",20%',
      'zoe-sup,,,130.00,',
      'BAD,Broken,each,twelve,',
    ].join('\n');
    await importer
      .getByTestId('product-import-file')
      .setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await visible(importer.getByText('Row 4, Price: Not an amount: use digits like 42,000.50'));
    await visible(importer.getByRole('cell', { name: 'Łódź laptop', exact: true }));
    await shoot(page, 'catalog-import-preview-1280');
    expect((await owner.get('/v1/products')).body.items).toHaveLength(1);
    await importer.getByRole('button', { name: 'Import 2 products' }).click();
    await visible(page.getByText('Imported: 1 added, 1 updated'));
    await visible(page.getByRole('cell', { name: '£1,299.00' }));
    await visible(page.getByRole('cell', { name: '£130.00' }));
    await shoot(page, 'catalog-products-1280');
    await page.close();

    const products = (await owner.get('/v1/products')).body.items;
    expect(products.map((p: { code: string }) => p.code)).toEqual(['NW-LAP', 'ZOE-SUP']);

    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signInToCompanies(phone, ownerEmail);
    await phone.goto(`${outputs.WebUrl}/catalog?q=lodz`);
    await visible(phone.getByRole('button', { name: 'Łódź laptop', exact: true }));
    await shoot(phone, 'catalog-products-375');
    await phone.close();
  });

  it('lists, adds with the contract’s checks, edits and deletes pricing rules of each kind', async () => {
    const { owner, ownerEmail } = await newTenant('Pricing Rules Co');
    const company = await newCompany(owner, { name: 'Café Łódź Systems' });
    const ids: Record<string, string> = {};
    for (const [code, name, amount] of [
      ['LAP-14', 'Zoë laptop', 100_000],
      ['DOCK-1', 'Docking station', 15_000],
    ] as const) {
      const res = await owner.post('/v1/products', {
        code,
        name,
        unit: 'each',
        unitPrice: { amount, currency: 'GBP' },
        taxRateBps: 2_000,
      });
      ids[code] = res.body.productId;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/catalog`);
    await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Pricing rules' }).click();
    await visible(page.getByRole('heading', { name: 'Pricing rules', exact: true }));
    await visible(page.getByText('No pricing rules yet'));
    await shoot(page, 'catalog-pricing-rules-empty-1280');

    // Volume tiers: the schema's own rule (ascending quantities) lands on the field, nothing is saved.
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New pricing rule' });
    await dialog.getByLabel('Kind').selectOption({ label: 'Volume tiers' });
    await dialog.getByLabel('Product').selectOption({ label: 'Zoë laptop (LAP-14)' });
    await dialog.getByLabel('From quantity (tier 1)').fill('10');
    await dialog.getByLabel('Unit price (tier 1)').fill('950');
    await dialog.getByRole('button', { name: 'Add a tier' }).click();
    await dialog.getByLabel('From quantity (tier 2)').fill('5');
    await dialog.getByLabel('Unit price (tier 2)').fill('900');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(dialog.getByText('Each tier must start at a larger quantity than the one before'));
    await dialog.getByLabel('From quantity (tier 2)').fill('50');
    await dialog.getByLabel('Unit price (tier 2)').fill('cheap');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(dialog.getByText(/An amount$/));
    expect((await owner.get('/v1/pricing-rules')).body.items).toHaveLength(0);
    await dialog.getByLabel('Unit price (tier 2)').fill('900');
    await shoot(page, 'catalog-pricing-rule-form-1280');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(page.getByText('Added the volume tiers of Zoë laptop rule'));
    await visible(page.getByRole('cell', { name: 'from 10: £950.00 · from 50: £900.00' }));

    // A customer's own price, and a bundle.
    await page.getByRole('button', { name: 'New rule' }).click();
    await dialog.getByLabel('Company').selectOption({ label: 'Café Łódź Systems' });
    await dialog.getByLabel('Product').selectOption({ label: 'Docking station (DOCK-1)' });
    await dialog.getByLabel('Their unit price').fill('120');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(page.getByRole('cell', { name: '£120.00 a unit' }));
    await visible(page.getByRole('link', { name: 'Café Łódź Systems' }));
    await page.getByRole('button', { name: 'New rule' }).click();
    await dialog.getByLabel('Kind').selectOption({ label: 'Bundle discount' });
    await dialog.getByLabel('Bundle name').fill('Desk kit');
    await dialog.getByLabel('Product 1', { exact: true }).selectOption({ label: 'Zoë laptop (LAP-14)' });
    await dialog.getByLabel('Product 2', { exact: true }).selectOption({ label: 'Zoë laptop (LAP-14)' });
    await dialog.getByLabel('Discount (%)').fill('7.5');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(dialog.getByText('This product is already in the bundle'));
    await dialog.getByLabel('Product 2', { exact: true }).selectOption({ label: 'Docking station (DOCK-1)' });
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await visible(page.getByRole('cell', { name: 'Desk kit: Zoë laptop + Docking station' }));
    await visible(page.getByRole('cell', { name: '7.5% off when all are on the quote' }));
    await dialog.waitFor({ state: 'hidden' });
    await shoot(page, 'catalog-pricing-rules-1280');

    // Edit: the customer price changes and is switched off.
    await page.getByRole('button', { name: 'Edit the customer price of Docking station rule' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit pricing rule' });
    await expect.poll(() => edit.getByLabel('Their unit price').inputValue()).toBe('120.00');
    await edit.getByLabel('Their unit price').fill('110');
    await edit.getByLabel(/^Active/).uncheck();
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await visible(page.getByRole('cell', { name: '£110.00 a unit' }));
    const rules = (await owner.get('/v1/pricing-rules')).body.items;
    expect(rules.find((r: { kind: string }) => r.kind === 'customer_price')).toMatchObject({
      companyId: company.companyId,
      productId: ids['DOCK-1'],
      unitPrice: { amount: 11_000, currency: 'GBP' },
      active: false,
    });

    // Delete asks first; Cancel keeps the rule.
    await page.getByRole('button', { name: 'Delete the Desk kit rule' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this pricing rule?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await owner.get('/v1/pricing-rules')).body.items).toHaveLength(3);
    await page.getByRole('button', { name: 'Delete the Desk kit rule' }).click();
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await visible(page.getByText('Deleted the Desk kit rule'));
    await expect.poll(async () => page.getByRole('cell', { name: /Desk kit/ }).count()).toBe(0);
    expect((await owner.get('/v1/pricing-rules')).body.items).toHaveLength(2);
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signInToCompanies(phone, ownerEmail);
    await phone.goto(`${outputs.WebUrl}/catalog/pricing-rules`);
    await visible(phone.getByRole('cell', { name: 'from 10: £950.00 · from 50: £900.00' }));
    await shoot(phone, 'catalog-pricing-rules-375');
    await phone.getByRole('button', { name: 'Edit the volume tiers of Zoë laptop rule' }).click();
    await visible(phone.getByRole('dialog', { name: 'Edit pricing rule' }).getByLabel('From quantity (tier 2)'));
    await shoot(phone, 'catalog-pricing-rule-form-375');
    await phone.close();
  });
});
