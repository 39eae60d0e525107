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

describe('tasks on the deal page', () => {
  it('adds a task from a deal: listed on the deal, its company and in My tasks', async () => {
    const { owner, ownerEmail } = await newTenant('Deal Tasks Co');
    const company = await newCompany(owner, { name: 'Harbour Dental' });
    const deal = (
      await owner.post('/v1/deals', {
        name: 'Surgery network refresh',
        companyId: company.companyId,
        value: { amount: 850_000, currency: 'GBP' },
        expectedCloseDate: '2030-06-30',
      })
    ).body;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/deals/${deal.dealId}`);
    await visible(page.getByRole('heading', { name: 'Surgery network refresh' }));
    const section = page.getByRole('region', { name: /Tasks/ });
    await visible(section.getByText('No tasks yet'));
    await shoot(page, 'deal-tasks-01-empty-1280');

    await section.getByRole('button', { name: 'Add task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task for Surgery network refresh' });
    await dialog.getByLabel('Title').fill('Send the surgery network quote');
    await dialog.getByRole('button', { name: 'Add task' }).click();
    await visible(page.getByText('Added: Send the surgery network quote'));
    await visible(section.getByText('Send the surgery network quote'));
    await visible(section.getByText('(1 open)'));
    await shoot(page, 'deal-tasks-02-listed-1280');

    // Linked to the deal and, through it, to its company.
    const saved = (await owner.get(`/v1/tasks?dealId=${deal.dealId}`)).body.items;
    expect(saved).toMatchObject([
      { title: 'Send the surgery network quote', dealId: deal.dealId, companyId: company.companyId },
    ]);
    await page.setViewportSize({ width: 375, height: 800 });
    await shoot(page, 'deal-tasks-03-listed-375');

    await page.goto(`${outputs.WebUrl}/tasks`);
    const upcoming = page.getByRole('region', { name: /Upcoming/ });
    await visible(upcoming.getByText('Send the surgery network quote'));
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}?tab=tasks`);
    await visible(page.getByText('Send the surgery network quote'));
    await page.close();
  });
});
