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

describe('deals import and the contacts export in the browser', () => {
  it('imports a deals CSV: the check names each bad row and column, the good rows become deals', async () => {
    const { owner, ownerEmail } = await newTenant('Deals Import Co');
    const company = await newCompany(owner, { name: 'Harbour Dental', domain: 'harbour-dental.example' });
    const csv = [
      'Deal,Company,Value,Close date,Stage',
      'Managed backup,harbour-dental.example,"12,500.00",2026-03-31,Proposal',
      'Laptop refresh,Harbour Dental,8400,2026-04-30,',
      'Firewall,Nowhere Ltd,3000,2026-05-31,',
      'Cloud move,Harbour Dental,40k,2026-06-30,',
    ].join('\n');

    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await signInToCompanies(page, ownerEmail);
      await page.goto(`${outputs.WebUrl}/import`);
      await page.getByLabel(/^Deals/).check();
      await page
        .locator('#import-file')
        .setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await visible(page.getByText('Deals have no natural key to match on: every row creates a new deal.'));
      await page.getByRole('button', { name: 'Check the file' }).click();
      await visible(page.getByRole('heading', { name: /2 problems/ }));
      await visible(page.getByRole('cell', { name: 'No company with the domain or name "Nowhere Ltd"' }));
      await visible(page.getByRole('cell', { name: 'Not an amount: use digits like 42,000.50' }));
      await shoot(page, `deals-import-check-${width}`);
      if (width === 1280) {
        await page.getByRole('button', { name: 'Import 2 rows' }).click();
        await visible(page.getByText('Import finished'));
        await shoot(page, 'deals-import-done-1280');
        await page.getByRole('link', { name: 'Go to deals' }).click();
        await visible(page.getByText('Managed backup').first());
      }
      await page.close();
    }
    const deals = (await owner.get(`/v1/companies/${company.companyId}/deals`)).body.items;
    expect(deals.map((d: any) => d.name).sort()).toEqual(['Laptop refresh', 'Managed backup']);
    expect((await owner.get(`/v1/companies/${company.companyId}`)).body.stage).toBe('opportunity');
  });

  it('exports the contacts list as it is filtered', async () => {
    const { owner, ownerEmail } = await newTenant('Contacts Export Co');
    const company = await newCompany(owner, { name: 'Export Dental', stage: 'customer' });
    const base = `/v1/companies/${company.companyId}/contacts`;
    await owner.post(base, { firstName: 'Ana', lastName: 'Decides', role: 'decision_maker' });
    await owner.post(base, { firstName: 'Bo', lastName: 'Uses', role: 'user' });

    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
      await signInToCompanies(page, ownerEmail);
      await page.goto(`${outputs.WebUrl}/contacts?role=decision_maker`);
      await visible(page.getByText('Ana Decides').first());
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const file = await (await download).createReadStream();
      let text = '';
      for await (const chunk of file) text += chunk;
      expect(text).toContain('Ana,Decides');
      expect(text).not.toContain('Bo,Uses');
      await visible(page.getByText('Exported 1 contact'));
      await shoot(page, `contacts-export-${width}`);
      await page.close();
    }
  });
});
