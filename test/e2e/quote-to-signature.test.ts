import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, lastEmailTo, newCompany, newMember, newTenant, outputs, unique } from '../support/api.js';
import { launchChromium, navTo, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const total = (page: Page, tier: string) => page.getByTestId(`totals-${tier}`).getByTestId('total');

/** Signs in on the start page as a user whose password is NEW_PASSWORD. */
async function signIn(page: Page, email: string) {
  await page.goto(outputs.WebUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
}

/** Adds a catalog product to one line list through the builder's catalog search. */
async function addFromCatalog(page: Page, list: string, search: string, name: string) {
  await page.getByRole('button', { name: `Add from catalog to ${list}` }).click();
  await page
    .getByRole('group', { name: `Catalog search for ${list}` })
    .getByLabel('Search the catalog')
    .fill(search);
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await page
    .getByRole('group', { name: `Catalog search for ${list}` })
    .getByRole('button', { name: 'Done' })
    .click();
}

describe('a quote from the catalog to the customer’s signature', () => {
  it('is built by a seller, approved by the owner, sent, accepted and signed online, and its signed PDF downloaded', async () => {
    // The workspace: an owner, a seller, a catalog, and a customer with a contact to send to.
    const { owner, ownerEmail } = await newTenant('Signature Co');
    const { user: seller } = await newMember(owner, 'sales');
    const company = await newCompany(owner, { name: 'Łódź Logistics', stage: 'opportunity' });
    const customerEmail = `zoe-${unique()}@customer.test`;
    const contact = await owner.post(`/v1/companies/${company.companyId}/contacts`, {
      firstName: 'Zoë',
      lastName: 'Kowalska',
      emails: [{ address: customerEmail, type: 'work', primary: true }],
    });
    expect(contact.status).toBe(201);
    for (const product of [
      { code: 'LAP-14', name: 'Zoë laptop', unit: 'each', amount: 100_000 },
      { code: 'DOCK-1', name: 'Docking station', unit: 'each', amount: 15_000 },
      { code: 'SET-UP', name: 'Onsite set-up', unit: 'visit', amount: 20_000 },
    ]) {
      const res = await owner.post('/v1/products', {
        code: product.code,
        name: product.name,
        unit: product.unit,
        unitPrice: { amount: product.amount, currency: 'GBP' },
        taxRateBps: 2_000,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    // The seller builds Good / Better / Best from the catalog.
    const sellerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await sellerContext.newPage();
    await signIn(page, seller.email);
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}?tab=quotes`);
    await page.getByRole('link', { name: 'New quote' }).click();
    await visible(page.getByRole('heading', { name: 'New quote' }));
    await page.getByLabel('Title').fill('Laptops for the depot');
    await page.getByLabel('Contact', { exact: true }).selectOption({ label: 'Zoë Kowalska' });
    await addFromCatalog(page, 'Lines', 'zoe', 'Zoë laptop');
    await page.getByRole('button', { name: 'Good / Better / Best' }).click();
    const good = page.getByRole('region', { name: 'Option Good' });
    const better = page.getByRole('region', { name: 'Option Better' });
    const best = page.getByRole('region', { name: 'Option Best' });
    // Good: one laptop at 20 % off, over the 15 % the default approval rule allows.
    await good.getByLabel('Discount of Zoë laptop').fill('20');
    // Better: two laptops with docks, the set-up visit optional for the customer to add.
    await better.getByLabel('Quantity of Zoë laptop').fill('2');
    await addFromCatalog(page, 'Better', 'dock', 'Docking station');
    await better.getByLabel('Quantity of Docking station').fill('2');
    await addFromCatalog(page, 'Better', 'set-up', 'Onsite set-up');
    await better.getByLabel('Onsite set-up is optional').check();
    // Best: three laptops, docks and the visit included.
    await best.getByLabel('Quantity of Zoë laptop').fill('3');
    await addFromCatalog(page, 'Best', 'dock', 'Docking station');
    await best.getByLabel('Quantity of Docking station').fill('3');
    await addFromCatalog(page, 'Best', 'onsite', 'Onsite set-up');
    await expect.poll(() => total(page, 'Good').textContent()).toBe('£960.00');
    await expect.poll(() => total(page, 'Better').textContent()).toBe('£2,760.00');
    await expect.poll(() => total(page, 'Best').textContent()).toBe('£4,380.00');
    await page.getByRole('button', { name: 'Create quote' }).first().click();
    const heading = page.getByRole('heading', { name: /^Q-\d{4}-0001: Laptops for the depot$/ });
    await visible(heading);
    const number = /^(Q-\d{4}-0001)/.exec((await heading.textContent())!)![1]!;

    // The draft's PDF preview, drawn on request.
    let asked = Date.now();
    await page.getByRole('button', { name: 'Preview PDF' }).click();
    await visible(page.getByRole('button', { name: `Download ${number}.pdf` }), 30_000);
    const draftPreviewMs = Date.now() - asked;
    const preview = page.locator(`iframe[title="PDF preview of ${number}"]`);
    await visible(preview);
    const previewPdf = await fetch((await preview.getAttribute('src'))!);
    expect(
      Buffer.from(await previewPdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await shoot(page, 'quote-builder-preview-1280');
    // A phone draws no PDF inside the page: the preview is the Download and the open-in-a-tab link.
    await page.setViewportSize({ width: 375, height: 900 });
    await visible(page.getByRole('link', { name: 'Open the PDF in a new tab' }));
    await shoot(page, 'quote-builder-preview-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByText('Waiting for approval').first());
    await visible(page.getByText(/discounted by more than 15%/));
    await visible(page.getByText('An owner or admin approves it.'));

    // The owner approves it from the approval inbox, on a phone of their own.
    const ownerContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const ownerPage = await ownerContext.newPage();
    await signIn(ownerPage, ownerEmail);
    await navTo(ownerPage, 'Approvals, 1 waiting');
    await visible(ownerPage.getByRole('heading', { name: 'Approval inbox' }));
    await visible(ownerPage.getByText(/discounted by more than 15%/));
    await shoot(ownerPage, 'quote-inbox-375');
    await ownerPage.getByRole('button', { name: `Approve ${number}` }).click();
    await visible(ownerPage.getByText(`${number} is approved`));
    await ownerContext.close();

    // The seller's page notices the approval by itself, and the seller sends the quote.
    const status = page.getByRole('region', { name: 'Status' });
    await visible(status.getByText('Approved', { exact: true }), 20_000);
    await status.getByRole('button', { name: 'Send' }).click();
    await visible(page.getByText(`${number} was sent`));
    await visible(status.getByText('Sent', { exact: true }));
    // The version history shows the sent revision without a reload.
    await visible(page.getByRole('region', { name: 'Version history' }).getByText(/^sent .* by A sales$/));

    // The customer opens the emailed link, picks Better with the set-up visit, signs and accepts.
    const mail = await lastEmailTo(customerEmail);
    const link = /(\S+\/quote\.html#[A-Za-z0-9_.-]+)/.exec(mail.body.text ?? '')?.[1];
    expect(link, mail.body.text).toBeTruthy();
    const customerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const customer = await customerContext.newPage();
    await customer.goto(link!);
    await visible(customer.getByRole('heading', { name: 'Laptops for the depot', level: 1 }));
    await customer.getByRole('radio', { name: /Better/ }).check();
    await visible(customer.getByTestId('quote-totals').getByText('£2,760.00'));
    await customer.getByRole('checkbox', { name: /Add Onsite set-up/ }).check();
    await visible(customer.getByTestId('quote-totals').getByText('£3,000.00'));
    await customer.getByLabel('Your full name').fill('Zoë Kowalska');
    await customer.getByText('Draw it', { exact: true }).click();
    const padArea = customer.getByRole('img', { name: /Signature area/ });
    await padArea.scrollIntoViewIfNeeded();
    const pad = (await padArea.boundingBox())!;
    await customer.mouse.move(pad.x + 30, pad.y + 100);
    await customer.mouse.down();
    for (const [x, y] of [
      [80, 40],
      [130, 120],
      [190, 50],
      [260, 110],
    ])
      await customer.mouse.move(pad.x + x!, pad.y + y!, { steps: 4 });
    await customer.mouse.up();
    await visible(customer.getByRole('img', { name: 'Your drawn signature' }));
    await visible(customer.getByText(`I agree to quote ${number} (Better) for £3,000.00`));
    await customer.getByRole('button', { name: 'Accept quote' }).click();
    // The sent PDF may still be being drawn: the page retries by itself.
    await visible(customer.getByRole('heading', { name: 'Thank you: quote accepted' }), 40_000);
    await visible(customer.getByText(/Zoë Kowalska accepted the Better option for £3,000\.00/));
    await shoot(customer, 'quote-to-signature-public-accepted-1280');
    await customer.setViewportSize({ width: 375, height: 800 });
    await shoot(customer, 'quote-to-signature-public-accepted-375');
    await customerContext.close();

    // The seller's page turns to Accepted by itself, with what was accepted.
    await visible(status.getByText('Accepted: this revision is final.'), 20_000);
    const outcome = page.getByTestId('quote-outcome');
    await visible(outcome.getByText('Better', { exact: true }));
    await visible(outcome.getByText('£3,000.00', { exact: true }));

    // The signed PDF, downloaded through the page, says what was accepted and by whom.
    asked = Date.now();
    await page.getByRole('button', { name: 'Preview PDF' }).click();
    const downloadButton = page.getByRole('button', { name: `Download ${number}.pdf` });
    await visible(downloadButton, 30_000);
    const signedPreviewMs = Date.now() - asked;
    await visible(page.locator(`iframe[title="Signed PDF of ${number}"]`));
    await shoot(page, 'quote-accepted-1280');
    await page.setViewportSize({ width: 375, height: 900 });
    await shoot(page, 'quote-accepted-375');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const file = join(mkdtempSync(join(tmpdir(), 'signed-quote-')), download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain(number);
    expect(text).toContain('Better');
    expect(text).toContain('Onsite set-up');
    expect(text).toContain('Zoë Kowalska');
    expect(text).toContain('£3,000.00');
    expect(text).not.toContain('£4,380.00');
    console.info(
      `PDF preview seen by the seller: draft ${draftPreviewMs} ms, signed copy ${signedPreviewMs} ms from the click`,
    );
    await sellerContext.close();
  });
});
