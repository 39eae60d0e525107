import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, outputs } from '../support/api.js';
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
});
