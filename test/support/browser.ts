import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Where page screenshots are kept as test artifacts. */
export const SHOTS_DIR = join(process.cwd(), 'test-results', 'e2e');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A full-page screenshot named after the step. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Waits for what a user would see; fails the test with Playwright's message if it never appears. */
export const visible = (locator: Locator, timeout = 15_000) => locator.waitFor({ state: 'visible', timeout });

/** Follows a main navigation link as a user would: on a phone the links are behind the header's Menu button. */
export async function navTo(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** Signs a user in (password NEW_PASSWORD), lands on the dashboard, and opens the companies list. */
export async function signInToCompanies(page: Page, email: string): Promise<void> {
  const { NEW_PASSWORD, outputs } = await import('./api.js');
  await page.goto(outputs.WebUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { name: 'Dashboard', exact: true }));
  await navTo(page, 'Companies');
  await visible(page.getByRole('heading', { name: 'Companies', exact: true }));
}
