import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { outputs, unique } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';
import { cognitoCall, totpCode } from '../support/cognito.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('platform admin two-step verification in the browser', () => {
  it.each([
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 375, height: 812 }],
  ])(
    'a new admin sets up TOTP from the QR code key at first sign-in, then signs in with a code (%s)',
    async (name, viewport) => {
      const email = `admin-${unique()}@quoteflow.test`;
      const password = 'Admin-Mfa-Pass-1!';
      // A fresh admin with a permanent password (local Cognito accepts the admin API without signing).
      const pool = { UserPoolId: outputs.AdminUserPoolId };
      await cognitoCall(outputs.CognitoEndpoint, 'AdminCreateUser', {
        ...pool,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }],
      });
      await cognitoCall(outputs.CognitoEndpoint, 'AdminSetUserPassword', {
        ...pool,
        Username: email,
        Password: password,
        Permanent: true,
      });

      const page = await browser.newPage({ viewport });
      const signIn = async () => {
        await page.goto(outputs.AdminUrl);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      };
      await signIn();
      await visible(page.getByRole('heading', { name: 'Set up two-step verification' }));
      await visible(page.getByRole('img', { name: /QR code/ }));
      await shoot(page, `mfa-setup-${name}`);
      const secret = (await page.locator('.totp-key').innerText()).replace(/\s/g, '');
      await page.getByLabel('Authentication code').fill('000000');
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
      await visible(page.getByText(/code is not right/));
      await page.getByLabel('Authentication code').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
      await visible(page.getByRole('heading', { name: 'Tenants', exact: true }));

      // Sign out, then back in: now a code is asked for.
      await page.evaluate(() => sessionStorage.clear());
      await signIn();
      await visible(page.getByRole('heading', { name: 'Enter your code' }));
      await shoot(page, `mfa-code-${name}`);
      await page.getByLabel('Authentication code').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByRole('heading', { name: 'Tenants', exact: true }));
      await shoot(page, `admin-tenants-${name}`);
      await page.close();
    },
  );
});
