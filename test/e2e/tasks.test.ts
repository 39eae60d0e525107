import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysableCompany, newTenant, outputs, waitForRun } from '../support/api.js';
import { launchChromium, shoot, signInToCompanies, visible } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('tasks in the browser', () => {
  it('turns an AI next action into a task that shows in My tasks, reminds through the bell, and checks off', async () => {
    const { owner, ownerEmail } = await newTenant('Tasks Co');
    const company = await analysableCompany(owner, { name: 'Brightwater Legal' });
    const run = (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body;
    await waitForRun(owner, company.companyId, run.runId);
    // A reminder due in a moment, so the bell has something to show.
    const soon = await owner.post('/v1/tasks', {
      title: 'Send the laptop refresh proposal',
      dueAt: new Date(Date.now() + 1000).toISOString(),
      companyId: company.companyId,
      priority: 'high',
    });
    expect(soon.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToCompanies(page, ownerEmail);
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}?tab=analysis`);
    const actions = page.getByRole('region', { name: /Recommended next actions/ });
    await visible(actions);
    const first = actions.getByRole('listitem').first();
    const actionTitle = (await first.locator('.insight-title').textContent())!.trim();
    await shoot(page, 'tasks-01-analysis-actions-1280');
    await first.getByRole('button', { name: /Create task/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Task from the AI analysis' });
    await visible(dialog);
    expect(await dialog.getByLabel('Title').inputValue()).toBe(actionTitle.slice(0, 200));
    await visible(dialog.getByText('From the AI analysis, based on:'));
    await shoot(page, 'tasks-02-create-from-action-1280');
    await dialog.getByRole('button', { name: 'Add task' }).click();
    await visible(page.getByText(`Task added: ${actionTitle.slice(0, 200)}`));

    // It is due tomorrow morning: My tasks shows it under Upcoming.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
    await visible(page.getByRole('heading', { name: 'My tasks' }));
    const upcoming = page.getByRole('region', { name: /Upcoming/ });
    await visible(upcoming.getByText(actionTitle.slice(0, 200)));
    await visible(upcoming.getByText('From AI analysis'));

    // The reminder fired on the local scheduler: the bell counts it.
    const bell = page.getByTestId('bell');
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 45_000 })
      .toMatch(/1 unread/);
    await shoot(page, 'tasks-03-my-tasks-1280');
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await visible(panel.getByText('Due now: Send the laptop refresh proposal'));
    await shoot(page, 'tasks-04-bell-1280');
    await panel.getByRole('button', { name: /^Mark “/ }).click();
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 10_000 })
      .toBe('Notifications');
    await page.keyboard.press('Escape');

    // Checking it off completes it on the server.
    const created = (await owner.get('/v1/tasks')).body.items.find((t: { title: string }) => t.title === actionTitle);
    expect(created.source).toMatchObject({ kind: 'analysis', runId: run.runId, actionIndex: 0 });
    expect(created.source.evidence.length).toBeGreaterThan(0);
    const box = upcoming.getByLabel(actionTitle.slice(0, 200));
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    expect((await owner.get(`/v1/tasks/${created.taskId}`)).body.done).toBe(true);

    // The company's Tasks tab lists both.
    await page.goto(`${outputs.WebUrl}/companies/${company.companyId}?tab=tasks`);
    await visible(page.getByRole('heading', { name: /Tasks/ }).first());
    await visible(page.getByText('Send the laptop refresh proposal'));
    await shoot(page, 'tasks-05-company-tab-1280');

    // The same pages on a phone.
    await page.setViewportSize({ width: 375, height: 800 });
    await shoot(page, 'tasks-06-company-tab-375');
    await page.goto(`${outputs.WebUrl}/tasks`);
    await visible(page.getByRole('heading', { name: 'My tasks' }));
    await visible(page.getByText('Nothing overdue.'));
    await visible(page.getByText('Send the laptop refresh proposal'));
    await shoot(page, 'tasks-07-my-tasks-375');
    await page.getByTestId('bell').click();
    await shoot(page, 'tasks-08-bell-375');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'New task' }).click();
    await visible(page.getByRole('dialog', { name: 'New task' }));
    await shoot(page, 'tasks-09-new-task-375');
    await page.close();
  });
});
