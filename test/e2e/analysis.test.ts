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

/** What the page records about itself while the analysis runs (set up before clicking). */
interface Watch {
  marker: string;
  sawProgress: boolean;
  statusLines: string[];
}

describe('AI analysis in the browser', () => {
  it('runs an analysis from the company page and shows live progress, then scores with their factors, without a reload', async () => {
    const { owner, ownerEmail } = await newTenant('Analysis Co');
    const company = await newCompany(owner, {
      name: 'Hollybush Dental',
      stage: 'prospect',
      industry: 'Healthcare',
      domain: 'hollybush.example',
      knownFacts: ['Three practices in Leeds', 'Current IT contract ends in March'],
    });
    const base = `/v1/companies/${company.companyId}`;
    const priya = await owner.post(`${base}/contacts`, {
      firstName: 'Priya',
      lastName: 'Shah',
      jobTitle: 'Practice Director',
      role: 'decision_maker',
      emails: [{ address: 'priya@hollybush.example' }],
    });
    expect(priya.status).toBe(201);
    const tom = await owner.post(`${base}/contacts`, {
      firstName: 'Tom',
      lastName: 'Hollis',
      jobTitle: 'Practice Manager',
      role: 'influencer',
    });
    expect(tom.status).toBe(201);
    const meeting = await owner.post(`${base}/activities`, {
      type: 'meeting',
      subject: 'Discovery meeting',
      body: 'Worried about ransomware after a phishing scare; budget approved for a security review.',
      contactId: priya.body.contactId,
      occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    expect(meeting.status).toBe(201);
    const call = await owner.post(`${base}/activities`, {
      type: 'call',
      subject: 'Follow-up call',
      body: 'Asked for a proposal before their contract renewal.',
      contactId: tom.body.contactId,
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(call.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(outputs.WebUrl);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
    await page.getByRole('link', { name: 'Companies', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Companies', exact: true }));

    // Open the company's AI analysis tab: never analysed, so it says so.
    await page.getByRole('link', { name: 'Hollybush Dental' }).click();
    await visible(page.getByRole('heading', { name: 'Hollybush Dental' }));
    await page.getByRole('tab', { name: 'AI analysis' }).click();
    await visible(page.getByText('No analysis yet — run one to get scores that explain themselves'));
    await shoot(page, 'analysis-01-empty');

    // A marker that only survives if the page is never reloaded, and a watcher for the progress list
    // (an offline run takes about a second, so the list may come and go between two checks).
    await page.evaluate(() => {
      const w = window as unknown as { __qf: Watch };
      w.__qf = { marker: 'before-run', sawProgress: false, statusLines: [] };
      const record = () => {
        if (document.querySelector('ol[aria-label="Analysis steps"]')) w.__qf.sawProgress = true;
        const line = document.querySelector('.run-progress [role="status"]')?.textContent?.trim();
        if (line && w.__qf.statusLines.at(-1) !== line) w.__qf.statusLines.push(line);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const navigationsBefore = await page.evaluate(() => performance.getEntriesByType('navigation').length);

    await page.getByRole('button', { name: 'Run analysis', exact: true }).click();

    // The result replaces the progress list in place.
    const result = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Latest analysis/ }) });
    await visible(result, 60_000);
    const lead = result.getByRole('region', { name: 'Lead score' });
    const health = result.getByRole('region', { name: 'Health score' });
    await visible(lead);
    await visible(health);
    expect(await lead.locator('.score-number').textContent()).toMatch(/^\d{1,3}$/);
    expect(await health.locator('.score-number').textContent()).toMatch(/^\d{1,3}$/);
    // Each score lists the factors that drove it, with a signed impact (not colour alone) and evidence.
    const leadFactors = lead.locator('.factor');
    expect(await leadFactors.count()).toBeGreaterThan(0);
    for (const impact of await lead.locator('.impact [aria-hidden="true"]').allTextContents())
      expect(impact).toMatch(/^(\+\d+|\u2212\d+|±0)$/);
    await visible(lead.getByText('Decision maker known'));
    await visible(lead.getByText(/Priya Shah/).first());
    expect(await health.locator('.factor').count()).toBeGreaterThan(0);
    // The rest of the analysis, each item with its evidence.
    await visible(result.getByRole('region', { name: /Summary/ }));
    await visible(result.getByRole('region', { name: /Opportunities/ }));
    await visible(result.getByRole('region', { name: /Recommended next actions/ }));
    expect(await result.getByText('Based on:').count()).toBeGreaterThan(0);
    // No API key is configured in the test cloud: the rule-based provider, labelled as such.
    await visible(result.getByRole('button', { name: /Offline analysis/ }));
    await shoot(page, 'analysis-02-result');

    // No reload happened, and the progress list was shown on the way.
    const watch = await page.evaluate(() => (window as unknown as { __qf?: Watch }).__qf);
    expect(watch?.marker).toBe('before-run');
    expect(watch?.sawProgress).toBe(true);
    expect(watch?.statusLines.some((l) => /^(Queued|Step \d of 4)/.test(l))).toBe(true);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigationsBefore);

    // The history lists the run: who ran it, its status, its scores and the provider.
    const history = page.getByRole('region', { name: 'History' });
    const runs = history.getByRole('listitem');
    await expect.poll(() => runs.count()).toBe(1);
    const run = runs.first();
    await visible(run.getByText('Done'));
    await visible(run.getByText(/^Owner /));
    await visible(run.getByText('Offline analysis'));
    expect(await run.textContent()).toMatch(/Lead \d+.*Health \d+/);

    // The company header now shows the new scores, linking to the tab.
    const stored = await owner.get(`${base}/analysis`);
    expect(stored.status).toBe(200);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0].status).toBe('succeeded');
    const leadScore = stored.body.items[0].scores.leadScore.score;
    await visible(page.getByRole('link', { name: new RegExp(`Lead ${leadScore}`) }));
    expect(await lead.locator('.score-number').textContent()).toBe(String(leadScore));
  });
});
