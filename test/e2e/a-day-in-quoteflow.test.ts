import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { NEW_PASSWORD, newTenant, outputs } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const CSV = [
  'name,domain,industry',
  'Przedsiębiorstwo Zakład Mechaniczny,zaklad-mech.pl,Manufacturing',
  'Harrow Print Works,harrowprint.co.uk,Printing',
  'Meadow Lane Vets,meadowlanevets.co.uk,Veterinary',
].join('\n');

/** Drags with the mouse in small steps, as a person does (dnd-kit starts a drag after 6 px). */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const [x, y] = [b.x + b.width / 2, b.y + Math.min(80, b.height / 2)];
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(a.x + ((x - a.x) * i) / 12, a.y + ((y - a.y) * i) / 12);
  }
  await page.mouse.up();
}

describe('a day in Quoteflow', () => {
  it('imports a CSV, finds a company by an accent-free mid-name word, opens a deal, drags it across the board, wins it, and the dashboard shows it', async () => {
    const { ownerEmail } = await newTenant('Day Co');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(outputs.WebUrl);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
    const won = (text: RegExp) => page.locator('.dash-won', { hasText: text });
    await visible(won(/^0won/));

    // Import from another CRM's export: choose, map (guessed from the headers), check, run.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('link', { name: 'Import' }).click();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'from-another-crm.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await visible(page.getByText('Import finished'), 60_000);

    // "zaklad", no accent, is the second word of the name: the header search finds it.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zaklad');
    await visible(page.getByRole('option', { name: /Przedsiębiorstwo Zakład Mechaniczny/ }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: 'Przedsiębiorstwo Zakład Mechaniczny' }));

    // A deal from the company's Deals tab.
    await page.getByRole('tab', { name: 'Deals' }).click();
    await page.getByRole('button', { name: 'New deal' }).first().click();
    const dialog = page.getByRole('dialog', { name: /New deal with/ });
    await dialog.getByLabel('Deal name').fill('Press line automation');
    await dialog.getByLabel('Value').fill('42000');
    await dialog.getByRole('button', { name: 'Create deal' }).click();
    await visible(page.getByRole('link', { name: 'Press line automation' }));

    // Across the board by mouse: Qualified → Proposal, then into Won.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
    const card = (column: string) =>
      page.getByTestId(`column-${column}`).getByRole('button', { name: /^Move Press line automation/ });
    await visible(card('Qualified'));
    await drag(page, card('Qualified'), page.getByTestId('column-Proposal'));
    await visible(card('Proposal'));
    // Saved (the toast comes with the server's answer) before the next move.
    await visible(page.getByText('Press line automation moved to Proposal'));
    await drag(page, card('Proposal'), page.getByTestId('column-Won'));
    await visible(page.getByText('Press line automation was won'));
    await visible(card('Won'));
    await shoot(page, 'day-board-won');

    // Home: this month's wins count it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await visible(won(/^1won · £42K/));
    await shoot(page, 'day-dashboard');
    await page.close();
  });
});
