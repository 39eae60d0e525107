import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEmailTo, mailbox, NEW_PASSWORD, newTenant, outputs } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// Signed in means home: the dashboard.
const home = (page: Page) => page.getByRole('heading', { name: 'Dashboard', exact: true });
const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in', exact: true });

async function signIn(page: Page, email: string, password: string) {
  await page.goto(outputs.WebUrl);
  await visible(signInHeading(page));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(home(page));
}

/** One browser with its own storage (a device): two tabs of it share one session. */
const device = (width = 1280, height = 900): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width, height } });

async function openProfile(page: Page) {
  await page.goto(`${outputs.WebUrl}/settings/profile`);
  await visible(page.getByRole('heading', { name: 'Your profile' }));
}

describe('sessions that behave', () => {
  it('stays signed in across tabs and reloads; signing out of all devices ends every tab and device', async () => {
    const { ownerEmail } = await newTenant('Sessions');
    const laptop = await device();
    const tab1 = await laptop.newPage();
    await signIn(tab1, ownerEmail, NEW_PASSWORD);

    // A second tab is already signed in, and so is a reload.
    const tab2 = await laptop.newPage();
    await tab2.goto(outputs.WebUrl);
    await visible(home(tab2));
    expect(await signInHeading(tab2).count()).toBe(0);
    await tab1.reload();
    await visible(home(tab1));

    // A phone (another device) signed in as the same user.
    const phone = await device(375, 812);
    const phoneTab = await phone.newPage();
    await signIn(phoneTab, ownerEmail, NEW_PASSWORD);

    // The profile: name and time zone saved; the email shown.
    await openProfile(tab1);
    await expect.poll(() => tab1.getByLabel('Email').inputValue()).toBe(ownerEmail);
    await tab1.getByLabel('Name').fill('Grace Hopper');
    await tab1.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await tab1.getByRole('button', { name: 'Save profile' }).click();
    await visible(tab1.getByText('Your profile is saved'));
    await tab1.reload();
    await expect.poll(() => tab1.getByLabel('Name').inputValue()).toBe('Grace Hopper');
    await expect.poll(() => tab1.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    await shoot(tab1, 'sessions-profile-1280');
    await openProfile(phoneTab);
    await shoot(phoneTab, 'sessions-profile-375');

    // Sign out of all devices in tab 1: tab 2 goes to sign-in by itself, the phone at its next request.
    await tab1.getByRole('button', { name: 'Sign out of all devices' }).click();
    await tab1.getByRole('button', { name: 'Sign out everywhere' }).click();
    await visible(tab1.getByText('You have signed out of all devices.'));
    await visible(signInHeading(tab2));
    await visible(tab2.getByText('You have signed out of all devices.'));
    await phoneTab.reload();
    await visible(signInHeading(phoneTab));
    await shoot(tab1, 'sessions-signed-out-everywhere-1280');

    // Signing in again in one tab signs the other in too.
    await tab1.getByLabel('Email').fill(ownerEmail);
    await tab1.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await tab1.getByRole('button', { name: 'Sign in' }).click();
    // Each tab goes back to where it was.
    await visible(tab1.getByRole('heading', { name: 'Your profile' }));
    await visible(home(tab2));
    await laptop.close();
    await phone.close();
  });

  it('changes the password (wrong current one refused), then signs in with the new one', async () => {
    const { ownerEmail } = await newTenant('Password change');
    const laptop = await device();
    const page = await laptop.newPage();
    await signIn(page, ownerEmail, NEW_PASSWORD);
    await openProfile(page);
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('Not-My-Password-1');
    await form.getByLabel('New password').fill('Changed-Pass-77!');
    await form.getByLabel('Confirm password').fill('Changed-Pass-77!');
    await form.getByRole('button', { name: 'Change password' }).click();
    await visible(form.getByText('Your current password is not right.'));
    await shoot(page, 'sessions-change-password-wrong-1280');
    await form.getByLabel('Current password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await visible(page.getByText('Your password is changed', { exact: false }));
    await page.setViewportSize({ width: 375, height: 812 });
    await shoot(page, 'sessions-change-password-375');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await visible(signInHeading(page));
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByText('The email or password is incorrect.'));
    await page.getByLabel('Password', { exact: true }).fill('Changed-Pass-77!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(home(page));

    // The workspace's default currency, owners and admins only.
    await page.goto(`${outputs.WebUrl}/settings/workspace`);
    await visible(page.getByRole('heading', { name: 'Workspace', exact: true }));
    await expect.poll(() => page.getByLabel('Default currency', { exact: true }).inputValue()).toBe('GBP');
    await page.getByLabel('Default currency', { exact: true }).selectOption('EUR');
    await page.getByRole('button', { name: 'Save currency' }).click();
    await visible(page.getByText('New deals and quotes now start in EUR', { exact: false }));
    await page.reload();
    await expect.poll(() => page.getByLabel('Default currency', { exact: true }).inputValue()).toBe('EUR');
    await shoot(page, 'sessions-workspace-1280');
    await page.setViewportSize({ width: 375, height: 812 });
    await shoot(page, 'sessions-workspace-375');
    await laptop.close();
  });

  it('resets a forgotten password with the code from the local mailbox, and is signed in', async () => {
    const { ownerEmail } = await newTenant('Forgot');
    for (const [width, height] of [
      [1280, 900],
      [375, 812],
    ] as const) {
      const context = await device(width, height);
      const page = await context.newPage();
      await page.goto(outputs.WebUrl);
      await visible(signInHeading(page));
      if (width === 1280) await shoot(page, 'sessions-sign-in-1280');
      else await shoot(page, 'sessions-sign-in-375');
      await page.getByLabel('Email').fill(ownerEmail);
      await page.getByRole('button', { name: 'Forgot password?' }).click();
      await visible(page.getByRole('heading', { name: 'Reset your password' }));
      await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(ownerEmail);
      await shoot(page, `sessions-forgot-${width}`);
      const before = (await mailbox()).length;
      await page.getByRole('button', { name: 'Send code' }).click();
      await visible(page.getByRole('heading', { name: 'Choose a new password' }));
      await expect.poll(async () => (await mailbox()).length).toBeGreaterThan(before);
      const email = await lastEmailTo(ownerEmail);
      expect(email.subject).toBe('Your Quoteflow password reset code');
      const code = /code is (\d{6})/.exec(email.body.text ?? '')?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      const password = width === 1280 ? 'Reset-Password-1280!' : 'Reset-Password-375!';

      // A wrong code is said on the code field; a weak password is stopped before it is sent.
      await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
      await page.getByLabel('New password').fill(password);
      await page.getByLabel('Confirm password').fill(password);
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await visible(page.getByText('That code is not right.', { exact: false }));
      await page.getByLabel('New password').fill('weak');
      await page.getByLabel('Code from the email').fill(code);
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await visible(page.getByText('Choose a password that meets every rule listed'));
      await shoot(page, `sessions-reset-${width}`);

      await page.getByLabel('New password').fill(password);
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await visible(home(page));
      await context.close();
    }
  });
});
