import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, newTenant, outputs, unique } from '../support/api.js';
import { launchChromium, shoot, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('prompts and AI settings in the browser', () => {
  it('an owner customises a prompt, saves versions, compares and rolls back, then sets an AI key (shown as its last four only) and a budget', async () => {
    const { owner, ownerEmail } = await newTenant('Prompt Lab');

    const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await app.goto(outputs.WebUrl);
    await app.getByLabel('Email').fill(ownerEmail);
    await app.getByLabel('Password').fill(NEW_PASSWORD);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await visible(app.getByRole('heading', { name: 'Dashboard', exact: true }));

    // The list says which prompt is in effect: a new workspace uses the built-in defaults.
    await app.getByRole('link', { name: 'Prompts', exact: true }).click();
    await visible(app.getByRole('heading', { name: 'Prompts', exact: true }));
    const row = app.getByRole('row', { name: /Company analysis/ });
    await visible(row.getByText('Built-in default'));
    await shoot(app, 'prompts-01-list');

    // No override yet: the prompt in effect, read-only, and "Customise" makes version 1 from it.
    await row.getByRole('link', { name: 'Company analysis' }).click();
    await visible(app.getByRole('heading', { name: 'Company analysis', level: 1 }));
    await app.getByRole('button', { name: 'Customise for your workspace' }).click();
    await visible(app.getByText('Your override v1'));
    const userTemplate = app.getByLabel('User template');
    const original = await userTemplate.inputValue();
    expect(original).toContain('Analyse {{company_name}}');

    // A variable from the hints goes in at the cursor.
    await userTemplate.click();
    await userTemplate.press('Control+End');
    await userTemplate.pressSequentially('\n\nIndustry: ');
    await app.getByRole('button', { name: 'Insert {{company_industry}}' }).click();
    expect(await userTemplate.inputValue()).toMatch(/\n\nIndustry: \{\{company_industry\}\}$/);

    // An undeclared variable is flagged as it is typed, and Save does not send it.
    await userTemplate.pressSequentially(' Budget owner: {{budget_owner}}');
    const unknownVariable = app.getByText(/Unknown variable \{\{budget_owner\}\}/);
    await visible(unknownVariable);
    await shoot(app, 'prompts-02-unknown-variable');
    await app.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => userTemplate.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(async () => (await owner.get('/v1/prompts')).body.items[0].override.version).toBe(1);

    // Fixed, it saves as version 2.
    await userTemplate.fill((await userTemplate.inputValue()).replace(' Budget owner: {{budget_owner}}', ''));
    await unknownVariable.waitFor({ state: 'hidden' });
    await app.getByLabel('Note for this version').fill('Mention the industry');
    await app.getByRole('button', { name: 'Save changes' }).click();
    await visible(app.getByText('Saved as version 2').first());
    await visible(app.getByText('Your override v2'));

    // The history compares version 1 with the current one: the added line is marked "+".
    await app.getByRole('tab', { name: 'History' }).click();
    await app.getByRole('button', { name: /^Version 1\b/ }).click();
    await visible(app.getByRole('heading', { name: 'Version 1 compared with the current version (v2)' }));
    const added = app.locator('tr.diff-add', { hasText: 'Industry: {{company_industry}}' });
    await visible(added);
    await expect.poll(() => added.locator('.diff-sign').innerText()).toContain('+');
    await expect.poll(() => added.getByText('Added').count()).toBe(1);
    await visible(app.getByText('Mention the industry'));
    await shoot(app, 'prompts-03-diff');

    // Rolling back saves version 3 with version 1's content.
    await app.getByRole('button', { name: 'Roll back to this version' }).click();
    const dialog = app.getByRole('dialog', { name: 'Roll back to version 1?' });
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await visible(app.getByText('Version 3 restores the content of version 1'));
    await visible(app.getByRole('button', { name: /^Version 3\b.*Restored from v1/ }));
    await visible(app.getByText('Your override v3'));
    await shoot(app, 'prompts-04-rolled-back');
    await app.getByRole('tab', { name: /^Editor/ }).click();
    expect(await app.getByLabel('User template').inputValue()).toBe(original);

    // Resetting (from the keyboard) removes the override: the built-in default is in effect again,
    // read-only, with "Customise" back (and focused); the versions are not offered for restoring.
    const resetButton = app.getByRole('button', { name: 'Reset to built-in default' });
    await resetButton.focus();
    await app.keyboard.press('Enter');
    const resetDialog = app.getByRole('dialog', { name: 'Reset to built-in default?' });
    await visible(resetDialog);
    await visible(
      resetDialog.getByText('Your 3 versions stay in the history of past runs but can’t be restored from here.'),
    );
    await shoot(app, 'prompts-04b-reset-confirm');
    await resetDialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await visible(app.getByText('Your workspace uses the built-in default again'));
    const customise = app.getByRole('button', { name: 'Customise for your workspace' });
    await visible(customise);
    await visible(app.locator('.prompt-in-effect').getByText('Built-in default', { exact: true }));
    await expect.poll(() => customise.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await resetButton.count()).toBe(0);
    expect(await app.getByRole('tab', { name: 'History' }).count()).toBe(0);
    expect((await owner.get('/v1/prompts')).body.items[0].override).toBeNull();
    await shoot(app, 'prompts-04c-reset');

    // Settings → AI: offline until a key is set, with the default budget.
    await app.getByRole('link', { name: 'Settings', exact: true }).click();
    await app.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'AI' }).click();
    await visible(app.getByRole('heading', { name: 'AI settings' }));
    await expect.poll(() => app.getByTestId('ai-provider').innerText()).toBe('Offline analysis');
    await expect.poll(() => app.getByTestId('ai-budget').innerText()).toBe('$20.00');
    await shoot(app, 'prompts-05-settings-offline');

    // The key is sent once and never shown again: only its last four characters.
    const apiKey = `sk-test-${unique()}${unique()}${unique()}`;
    const last4 = apiKey.slice(-4);
    await app.getByLabel('OpenAI API key').fill(apiKey);
    await app.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => app.getByTestId('tenant-key').innerText()).toContain(last4);
    await expect.poll(() => app.getByTestId('ai-provider').innerText()).toBe('OpenAI, with your key');
    expect(await app.content()).not.toContain(apiKey);
    await app.reload();
    await expect.poll(() => app.getByTestId('tenant-key').innerText()).toContain(last4);
    expect(await app.content()).not.toContain(apiKey);

    // The budget is edited in dollars and stored in cents.
    await app.getByRole('button', { name: 'Change budget' }).click();
    await app.getByLabel('Monthly budget (US dollars)').fill('35.50');
    await app.getByRole('button', { name: 'Save budget' }).click();
    await expect.poll(() => app.getByTestId('ai-budget').innerText()).toBe('$35.50');
    await shoot(app, 'prompts-06-settings-key-and-budget');
    const settings = await owner.get('/v1/settings/ai');
    expect(settings.body.monthlyBudget).toEqual({ amount: 3550, currency: 'USD' });
    expect(settings.body.tenantKey.last4).toBe(last4);
    expect(JSON.stringify(settings.body)).not.toContain(apiKey);
  });
});
