import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newCompany, newTenant, outputs } from '../support/api.js';
import { launchChromium, shoot, signInToCompanies, visible } from '../support/browser.js';

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
  it('saves two quick moves of a card in turn, and puts a card whose save failed back where the server has it', async () => {
    const { owner, ownerEmail } = await newTenant('Quick Moves Co');
    const company = await newCompany(owner, { name: 'Harbour Dental' });
    const create = (name: string) =>
      owner.post('/v1/deals', {
        name,
        companyId: company.companyId,
        value: { amount: 500_000, currency: 'GBP' },
        expectedCloseDate: '2030-06-30',
      });
    const quick = (await create('Surgery Wi-Fi')).body;
    const stale = (await create('Backup service')).body;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    // Saves take a while, as on a slow network: the second move is made before the first save returns.
    await page.route('**/v1/deals/*', async (route) => {
      if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.goto(`${outputs.WebUrl}/deals`);
    const column = (name: string) => page.getByTestId(`column-${name}`);
    const card = (name: string) => page.locator('article', { has: page.getByRole('link', { name }) });
    await visible(column('Qualified').getByRole('link', { name: 'Surgery Wi-Fi' }));
    await card('Surgery Wi-Fi').getByTestId('move-to').selectOption({ label: 'Proposal' });
    await visible(column('Proposal').getByRole('link', { name: 'Surgery Wi-Fi' }));
    await card('Surgery Wi-Fi').getByTestId('move-to').selectOption({ label: 'Negotiation' });
    await visible(page.getByText('Surgery Wi-Fi moved to Negotiation'));
    await visible(column('Negotiation').getByRole('link', { name: 'Surgery Wi-Fi' }));
    expect(await page.getByText('could not be moved').count()).toBe(0);
    expect((await owner.get(`/v1/deals/${quick.dealId}`)).body).toMatchObject({ stageId: 'negotiation', version: 3 });

    // Someone else moved this one meanwhile: the save is refused, and the card goes where the server has it.
    expect((await owner.patch(`/v1/deals/${stale.dealId}`, { stageId: 'proposal' }, { 'if-match': '1' })).status).toBe(
      200,
    );
    await card('Backup service').getByTestId('move-to').selectOption({ label: 'Negotiation' });
    await visible(
      page.getByText('Backup service could not be moved: someone else changed it meanwhile. It is in Proposal now.'),
    );
    await visible(column('Proposal').getByRole('link', { name: 'Backup service' }));
    await shoot(page, 'deals-board-move-refused');
    await page.close();
  });
});
