import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newCompany, newTenant, outputs, type Client } from '../support/api.js';
import { launchChromium, navTo, shoot, visible } from '../support/browser.js';

let browser: Browser;
let owner: Client;
let ownerEmail: string;
beforeAll(async () => {
  browser = await launchChromium();
  ({ owner, ownerEmail } = await newTenant('Search UI'));
  await newCompany(owner, {
    name: 'Brightwater Logistics',
    domain: 'brightwater-logistics.example',
    stage: 'opportunity',
  });
  await newCompany(owner, { name: 'Zakład Meblowy', stage: 'lead', leadScore: 40 });
  await newCompany(owner, { name: 'Acme Dental', stage: 'lead', leadScore: 90 });
  await newCompany(owner, { name: 'Harbour Hotels', stage: 'prospect', leadScore: 65 });
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(outputs.WebUrl);
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Home is the dashboard; these steps start from the companies list.
  await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
  await navTo(page, 'Companies');
  await visible(page.getByRole('heading', { name: 'Companies', exact: true }));
  return page;
}

describe('header search and the companies list', () => {
  it('finds a company by a mid-name word prefix from the header and opens it with the keyboard', async () => {
    const page = await signedIn(1280);
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: /Search companies, contacts and deals/ });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('logist');
    const option = page.getByRole('option', { name: /Brightwater Logistics/ });
    await visible(option);
    expect(await option.textContent()).toContain('Company');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await shoot(page, 'search-header-open');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: 'Brightwater Logistics' }));
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    // Accent-free, in capitals; Escape closes; Ctrl+K comes back to the box.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('ZAKLAD');
    await visible(page.getByRole('option', { name: /Zakład Meblowy/ }));
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('qqzz');
    await visible(page.getByText('No matches for “ZAKLADqqzz”').first());
    await page.close();
  });

  it('shows every result grouped by kind on /search', async () => {
    const page = await signedIn(375);
    await page.goto(`${outputs.WebUrl}/search?q=${encodeURIComponent('brightwater')}`);
    await visible(page.getByRole('heading', { name: 'Companies' }).first());
    await visible(page.getByRole('link', { name: /Brightwater Logistics/ }));
    await shoot(page, 'search-page-375');
    await page.getByRole('link', { name: /Brightwater Logistics/ }).click();
    await visible(page.getByRole('heading', { name: 'Brightwater Logistics' }));
    await page.close();
  });

  it('sorts by lead score, counts stages and changes the stage of selected companies at once', async () => {
    const page = await signedIn(1280);
    await visible(page.getByRole('button', { name: 'Lead 2' }));
    await page.getByRole('button', { name: /Lead score/ }).click();
    const names = () => page.locator('tbody .row-link').allTextContents();
    await expect.poll(names).toEqual(['Acme Dental', 'Harbour Hotels', 'Zakład Meblowy', 'Brightwater Logistics']);
    expect(page.url()).toContain('sort=-leadScore');

    await page.getByRole('checkbox', { name: 'Select Acme Dental' }).check();
    await page.getByRole('checkbox', { name: 'Select Zakład Meblowy' }).check();
    await visible(page.getByText('2 selected'));
    await shoot(page, 'companies-bulk-bar');
    await page.getByRole('button', { name: 'Set stage' }).click();
    await page.getByRole('dialog').getByLabel('Stage').selectOption('customer');
    await page.getByRole('button', { name: 'Apply' }).click();
    await visible(page.getByText('2 companies updated'));
    await visible(page.getByRole('button', { name: 'Customer 2' }));
    expect((await owner.get('/v1/companies?stage=customer')).body.items).toHaveLength(2);
    await page.close();
  });
});
