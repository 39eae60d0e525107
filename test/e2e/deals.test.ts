import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newCompany, newTenant, outputs } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('deals in the browser', () => {
  it('creates a deal, moves it across the board by keyboard, and the company follows: lead → opportunity → customer', async () => {
    const { owner, ownerEmail } = await newTenant('Board Co');
    const company = await newCompany(owner, { name: 'Brightwater Logistics', stage: 'lead' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(outputs.WebUrl);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Deals' }).click();
    await visible(page.getByText('No deals yet'));

    // New deal from the board, through the form.
    await page.getByRole('button', { name: 'New deal' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.getByLabel('Deal name').fill('Fleet laptops');
    await dialog.getByLabel('Company').selectOption({ label: 'Brightwater Logistics' });
    await dialog.getByLabel('Value').fill('12000');
    await dialog.getByRole('button', { name: 'Create deal' }).click();
    await visible(page.getByRole('heading', { name: 'Fleet laptops' }));
    const afterCreate = await owner.get(`/v1/companies/${company.companyId}`);
    expect(afterCreate.body.stage).toBe('opportunity');

    await page.getByRole('link', { name: '← All deals' }).click();
    const qualified = page.getByTestId('column-Qualified');
    await visible(qualified.getByRole('link', { name: 'Fleet laptops' }));
    await expect.poll(() => qualified.locator('.board-count').textContent()).toBe('1');

    // Keyboard: Space picks the card up, → three times reaches Won, Space drops it.
    const handle = page.getByRole('button', { name: /^Move Fleet laptops/ });
    await handle.focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Space');
    const won = page.getByTestId('column-Won');
    await visible(won.getByRole('link', { name: 'Fleet laptops' }));
    await visible(page.getByText('Fleet laptops was won'));
    await shoot(page, 'deals-board-won');
    await expect.poll(async () => (await owner.get(`/v1/companies/${company.companyId}`)).body.stage).toBe('customer');
    const deal = (await owner.get(`/v1/companies/${company.companyId}/deals`)).body.items[0];
    expect(deal).toMatchObject({ status: 'won', stageId: 'won', version: 2 });

    // The company page says so, and its Deals tab lists the deal.
    await won.getByRole('link', { name: 'Brightwater Logistics' }).click();
    await visible(page.getByText('Customer').first());
    await visible(page.getByRole('link', { name: 'Fleet laptops' }));
    await page.close();
  });
});
