import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newCompany, newTenant, outputs, unique } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('duplicates and merge in the browser', () => {
  it('warns of a duplicate while typing, merges it with a chosen field, and undoes the merge', async () => {
    const { owner, ownerEmail } = await newTenant('Merge Co');
    const id = unique();
    const original = await newCompany(owner, {
      name: `Kestrel Freight ${id}`,
      domain: `kestrel-${id}.example`,
      stage: 'opportunity',
      industry: 'Logistics',
    });
    await owner.post(`/v1/companies/${original.companyId}/contacts`, { firstName: 'Ada', lastName: 'Moss' });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(outputs.WebUrl);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Home is the dashboard; these steps start from the companies list.
    await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await visible(page.getByRole('heading', { name: 'Companies', exact: true }));

    // The new company form names the duplicate as the user types, and still saves.
    await page.goto(`${outputs.WebUrl}/companies/new`);
    await page.getByLabel('Company name').fill(`kestrel freight ${id} ltd`);
    await visible(page.getByText('Possible duplicate:'));
    await visible(page.locator('.duplicate-warning').getByRole('link', { name: new RegExp(`Kestrel Freight ${id}`) }));
    await page.getByRole('button', { name: 'Save company' }).click();
    await visible(page.getByRole('heading', { name: `kestrel freight ${id} ltd` }));

    // Merge the original into the new one, keeping the original's stage.
    await page.getByRole('link', { name: 'Merge with…' }).click();
    await page.getByLabel('Search companies', { exact: true }).fill(`Kestrel ${id}`);
    await page.locator('.merge-result', { hasText: `Kestrel Freight ${id}` }).click();
    await visible(page.getByText('Choose what to keep'));
    await page.getByRole('radio', { name: 'Stage: Opportunity' }).check();
    await shoot(page, 'merge-choose');
    await page.getByRole('button', { name: 'Merge companies' }).click();
    await visible(page.getByText(`Kestrel Freight ${id} was merged into`));
    await expect(page.getByText('Moved 1 contact').isVisible()).resolves.toBe(true);
    await shoot(page, 'merge-result');

    await page.getByRole('button', { name: 'Undo merge' }).click();
    await visible(page.getByText('Merge undone'));
    const back = await owner.get(`/v1/companies/${original.companyId}`);
    expect(back.body).toMatchObject({ name: `Kestrel Freight ${id}`, stage: 'opportunity' });
  });
});
