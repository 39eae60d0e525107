import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
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

describe('on a phone', () => {
  it('keeps the header to one row with the navigation behind Menu, sorts contacts by name, and maps import columns', async () => {
    const { owner, ownerEmail } = await newTenant('Phone Co');
    const company = await newCompany(owner, { name: 'Łódź Dental' });
    for (const [firstName, lastName] of [
      ['Zoe', 'Adams'],
      ['Łukasz', 'Nowak'],
      ['anna', 'Berg'],
      ['Marek', 'Zieliński'],
    ]) {
      await owner.post(`/v1/companies/${company.companyId}/contacts`, { firstName, lastName });
    }
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signInToCompanies(page, ownerEmail);

    // One row: brand, search, bell and Menu; the links and the user are behind Menu.
    const header = page.locator('header.app-header');
    expect((await header.boundingBox())!.height).toBeLessThan(70);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }));
    await visible(page.getByRole('button', { name: 'Sign out' }));
    await shoot(page, 'phone-01-menu-open-375');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dashboard');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Menu');

    // Contacts A→Z and Z→A, by the name shown, accents and case as a reader sorts them.
    await navTo(page, 'Contacts');
    await visible(page.getByRole('heading', { name: 'Contacts', exact: true }));
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const names = () => page.locator('tbody tr .contact-name').allTextContents();
    await expect.poll(names).toHaveLength(4);
    await page.getByLabel('Sort by').selectOption('name');
    await expect.poll(names).toEqual(['anna Berg', 'Łukasz Nowak', 'Marek Zieliński', 'Zoe Adams']);
    await visible(page.getByText('by name, A→Z'));
    await shoot(page, 'phone-02-contacts-a-z-375');
    await page.getByLabel('Sort by').selectOption('-name');
    await expect.poll(names).toEqual(['Zoe Adams', 'Marek Zieliński', 'Łukasz Nowak', 'anna Berg']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-name');

    // The import mapping fits the screen: every column's select is on it, nothing scrolls sideways.
    const csv = join(tmpdir(), `phone-import-${Date.now()}.csv`);
    writeFileSync(
      csv,
      'Company name,Website domain,Company registration number,Primary contact email address\nHarbour View Hotels Limited,harbourview.example,01234567,ops@harbourview.example\n',
    );
    await page.goto(`${outputs.WebUrl}/import`);
    await page.locator('input[type=file]').setInputFiles(csv);
    const select = page.getByLabel('Import Company registration number as');
    await visible(select);
    const box = (await select.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await select.selectOption({ label: 'Company number' });
    await shoot(page, 'phone-03-import-mapping-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await visible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }));
    expect(await menu.isVisible()).toBe(false);
    await shoot(page, 'phone-04-import-mapping-1280');
    await page.close();
  });
});
