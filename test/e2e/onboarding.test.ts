import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTotpSecret, lastEmailTo, outputs, temporaryPasswordIn, unique } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';
import { totpCode } from '../support/cognito.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('onboarding a new tenant in the browser', () => {
  it('admin creates a tenant; the invited owner signs in, sets a password, adds a company, a contact and an activity that survive a reload', async () => {
    const id = unique();
    const tenantName = `Riverside Plumbing ${id}`;
    const ownerEmail = `owner-${id}@riverside.example`;
    const newPassword = 'Riverside-Owner-9!';

    // Platform admin: sign in to the console and create the tenant.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.goto(outputs.AdminUrl);
    await shoot(admin, '01-admin-sign-in');
    await admin.getByLabel('Email').fill(outputs.DemoLogins.platformAdmin.email);
    await admin.getByLabel('Password').fill(outputs.DemoLogins.platformAdmin.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    // The admin pool requires TOTP: the console asks for the authenticator's code.
    await visible(admin.getByRole('heading', { name: 'Enter your code' }));
    await shoot(admin, '01b-admin-mfa-code');
    await admin.getByLabel('Authentication code').fill(totpCode(adminTotpSecret));
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await visible(admin.getByRole('heading', { name: 'Tenants', exact: true }));
    await shoot(admin, '02-admin-tenants');
    await admin.getByRole('link', { name: 'New tenant' }).first().click();
    await admin.getByLabel('Tenant name').fill(tenantName);
    await admin.getByLabel('Slug').fill(`riverside-${id}`);
    await admin.getByLabel('Owner name').fill('Rita River');
    await admin.getByLabel('Owner email').fill(ownerEmail);
    await shoot(admin, '03-admin-new-tenant');
    await admin.getByRole('button', { name: 'Create tenant' }).click();
    await visible(admin.getByRole('heading', { name: tenantName }));
    await visible(admin.getByText(ownerEmail).first());
    await shoot(admin, '04-admin-tenant');

    // The owner's invitation arrives in the local SES mailbox.
    const invitation = await lastEmailTo(ownerEmail);
    expect(invitation.subject).toContain(tenantName);
    const temporaryPassword = temporaryPasswordIn(invitation.body.text ?? '');
    expect(temporaryPassword).toHaveLength(14);

    // The owner signs in with it and must choose a password.
    const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await app.goto(outputs.WebUrl);
    await app.getByLabel('Email').fill(ownerEmail);
    await app.getByLabel('Password').fill(temporaryPassword);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await app.getByLabel('New password').fill(newPassword);
    await app.getByLabel('Confirm password').fill(newPassword);
    await shoot(app, '05-app-set-password');
    await app.getByRole('button', { name: 'Set password' }).click();

    // A new tenant starts empty, and says so.
    await visible(app.getByRole('heading', { name: 'Dashboard', exact: true }));
    await app.getByRole('link', { name: 'Companies', exact: true }).click();
    await visible(app.getByRole('heading', { name: 'Companies', exact: true }));
    await visible(app.getByText(/first company/i).first());
    await shoot(app, '06-app-companies-empty');

    await app
      .getByRole('link', { name: /New company|Add your first company/ })
      .first()
      .click();
    await app.getByLabel('Company name').fill('Hollybush Dental');
    await app.getByLabel('Domain').fill('hollybush.example');
    await app.getByRole('button', { name: 'Save company' }).click();
    await visible(app.getByRole('heading', { name: 'Hollybush Dental' }));
    await shoot(app, '07-app-company');

    await app.getByRole('tab', { name: 'Contacts' }).click();
    await app
      .getByRole('button', { name: /Add (the first )?contact/ })
      .first()
      .click();
    await app.getByLabel('First name').fill('Priya');
    await app.getByLabel('Last name').fill('Shah');
    await app.getByRole('button', { name: 'Add email' }).click();
    await app.getByLabel('Email 1').fill('priya@hollybush.example');
    await app.getByRole('button', { name: 'Add phone' }).click();
    await app.getByLabel('Phone 1').fill('+44 113 496 0000');
    await shoot(app, '08-app-contact-editor');
    await app.getByRole('button', { name: 'Save contact' }).click();
    await visible(app.getByText('Priya Shah').first());

    // Everything is still there after a reload (and the session too).
    await app.reload();
    await visible(app.getByRole('heading', { name: 'Hollybush Dental' }));
    await visible(app.getByText('Priya Shah').first());
    await visible(app.getByRole('link', { name: 'priya@hollybush.example' }));
    await shoot(app, '09-app-contacts-after-reload');

    await app.getByRole('tab', { name: 'Activities' }).click();
    await app.getByRole('button', { name: 'Log the first activity' }).click();
    await app.getByLabel('Subject').fill('Intro call');
    await app.getByLabel('Contact', { exact: true }).selectOption({ label: 'Priya Shah' });
    await app.getByRole('button', { name: 'Save activity' }).click();
    await visible(app.getByText('Intro call').first());
    await shoot(app, '10-app-activities');

    await app.getByRole('tab', { name: 'Timeline' }).click();
    await visible(app.getByText(/Priya Shah/).first());
    await shoot(app, '11-app-timeline');

    await app.getByRole('link', { name: 'Companies' }).first().click();
    await visible(app.getByRole('link', { name: 'Hollybush Dental' }));
    await shoot(app, '12-app-companies');
  });
});
