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

describe('activities and contacts in the browser', () => {
  it('edits and deletes a logged call, and the timeline says who did what', async () => {
    const { owner, ownerEmail } = await newTenant('Activity Co');
    const company = await newCompany(owner, { name: 'Zakład Usługowy', stage: 'customer' });
    const base = `/v1/companies/${company.companyId}`;
    const jo = await owner.post(`${base}/contacts`, { firstName: 'Jo', lastName: 'Nowak', role: 'decision_maker' });
    const call = await owner.post(`${base}/activities`, {
      type: 'call',
      subject: 'Pricing call',
      contactId: jo.body.contactId,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(call.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}`);
    await page.getByRole('tab', { name: /Activities/ }).click();
    await page.getByRole('button', { name: 'Edit Pricing call' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit activity' });
    await dialog.getByLabel('Subject').fill('Pricing call, second round');
    await dialog.getByLabel('When').fill('2031-01-10T10:00');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await visible(dialog.getByText("A call can't be in the future; only meetings can be scheduled ahead"));
    await dialog.getByLabel('Type').selectOption('meeting');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByRole('heading', { name: /Pricing call, second round/ }));
    await shoot(page, 'activities-01-edited');

    await page.getByRole('button', { name: 'Delete Pricing call, second round' }).click();
    await page.getByRole('button', { name: 'Delete activity' }).click();
    await visible(page.getByText('No activities yet'));

    await page.getByRole('tab', { name: /Timeline/ }).click();
    const lines = page.locator('.timeline-summary');
    await visible(lines.first());
    const text = (await lines.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(text[0]).toMatch(/^Meeting with Jo Nowak: “Pricing call, second round” — deleted by Owner /);
    expect(text[1]).toMatch(/^Meeting with Jo Nowak: “Pricing call, second round” — edited by Owner /);
    expect(text.some((t) => /^Call with Jo Nowak: “Pricing call” — logged by Owner /.test(t))).toBe(true);
    await shoot(page, 'activities-02-timeline');
    await page.close();
  });

  it('lists contacts across companies, finds one by an accent-free word, and links to its company', async () => {
    const { owner, ownerEmail } = await newTenant('Contacts Co');
    const zaklad = await newCompany(owner, { name: 'Zakład Usługowy', stage: 'customer' });
    const other = await newCompany(owner, { name: 'Other Ltd', stage: 'lead' });
    await owner.post(`/v1/companies/${zaklad.companyId}/contacts`, {
      firstName: 'Łucja',
      lastName: 'Wójcik',
      role: 'decision_maker',
      emails: [{ address: 'lucja@zaklad.example' }],
    });
    await owner.post(`/v1/companies/${other.companyId}/contacts`, { firstName: 'Bob', lastName: 'Stone' });

    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signInToCompanies(page, ownerEmail);
    await navTo(page, 'Contacts');
    await visible(page.getByRole('heading', { name: 'Contacts', exact: true }));
    await visible(page.getByText('Showing 2 contacts'));
    await page.getByLabel('Search contacts').fill('wojcik');
    await visible(page.getByText('Showing 1 contact that matches'));
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await shoot(page, 'contacts-01-search');
    await page.getByRole('link', { name: 'Zakład Usługowy' }).click();
    await visible(page.getByRole('heading', { name: 'Zakład Usługowy' }));
    await page.close();
  });
});
