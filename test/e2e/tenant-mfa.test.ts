import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newMember, newTenant, outputs } from '../support/api.js';
import { launchChromium, navTo, shoot, visible } from '../support/browser.js';
import { totpCode } from '../support/cognito.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A test artifact; with QUOTEFLOW_SAVE_SCREENSHOTS=1 also the copy kept with the SPA for review
 * (the QR code and names differ every run, so a plain test run leaves the checkout clean).
 */
async function snap(page: Page, name: string) {
  await shoot(page, name);
  if (process.env.QUOTEFLOW_SAVE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(process.cwd(), 'web', 'screenshots', `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string) {
  await page.goto(outputs.WebUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Scans nothing: reads the key shown under the QR code, as someone typing it into their app would. */
async function confirmWithApp(page: Page): Promise<string> {
  await visible(page.getByRole('img', { name: /QR code/ }));
  const key = await page.locator('.totp-key').innerText();
  expect(key).toMatch(/^(\S{4} )+\S{1,4}$/);
  const secret = key.replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  return secret;
}

describe('a workspace owner requires two-factor sign-in in the browser', () => {
  it('the owner sets up TOTP, requires it; a member is asked to set it up; both sign in with a code', async () => {
    const { owner, ownerEmail, tenant } = await newTenant('Two-factor');
    const member = await newMember(owner, 'sales');

    // The owner: the switch waits for their own TOTP.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, ownerEmail);
    await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Security' }).click();
    const requireSwitch = page.getByRole('switch', { name: 'Require two-factor sign-in' });
    await visible(requireSwitch);
    expect(await requireSwitch.isDisabled()).toBe(true);
    await visible(page.getByText('Set up your own two-factor sign-in first'));
    await snap(page, 'tenant-mfa-security-1280');

    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await visible(page.getByRole('img', { name: /QR code/ }));
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await visible(page.getByText(/code is not right/));
    await snap(page, 'tenant-mfa-setup-1280');
    const ownerSecret = await confirmWithApp(page);
    await visible(page.getByText('Two-factor sign-in is on'));

    // The member is at work on a phone before the owner requires two-factor.
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(phone, member.user.email);
    await visible(phone.getByRole('heading', { name: 'Dashboard', exact: true }));

    await expect.poll(() => requireSwitch.isDisabled()).toBe(false);
    await requireSwitch.check();
    await visible(page.getByText('Everyone now signs in with two-factor'));
    expect(await requireSwitch.isChecked()).toBe(true);
    await snap(page, 'tenant-mfa-required-1280');
    await page.setViewportSize({ width: 375, height: 812 });
    await snap(page, 'tenant-mfa-required-375');

    // Their next request is refused with mfa-required: the app shows the setup, not a broken page.
    await navTo(phone, 'Prompts');
    await visible(phone.getByRole('heading', { name: 'Set up two-factor sign-in' }));
    await visible(phone.getByText(`${tenant.name} requires a code`));
    await phone.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await visible(phone.getByRole('img', { name: /QR code/ }));
    await snap(phone, 'tenant-mfa-member-setup-375');
    const memberSecret = await confirmWithApp(phone);
    // Back where they were going, and the page loads.
    await visible(phone.getByRole('heading', { name: 'Prompts', exact: true }));
    await snap(phone, 'tenant-mfa-member-after-setup-375');

    // The owner's team page shows who signs in with two-factor.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Team' }).click();
    // The team was loaded in this tab before the member set up TOTP in theirs.
    await page.reload();
    await visible(page.getByRole('cell', { name: member.user.email }));
    await expect.poll(() => page.getByText('Two-factor', { exact: true }).count()).toBe(2);
    await snap(page, 'tenant-mfa-team-1280');

    // Signing in again asks both for a code.
    for (const [p, email, secret] of [
      [phone, member.user.email, memberSecret],
      [page, ownerEmail, ownerSecret],
    ] as const) {
      await p.evaluate(() => localStorage.clear());
      await signIn(p, email);
      await visible(p.getByRole('heading', { name: 'Enter your code' }));
      await p.getByLabel('Authentication code').fill(totpCode(secret));
      await p.getByRole('button', { name: 'Sign in' }).click();
      await visible(p.getByRole('heading', { name: 'Dashboard', exact: true }));
    }
    await snap(phone, 'tenant-mfa-member-signed-in-375');
    await page.close();
    await phone.close();
  });
});
