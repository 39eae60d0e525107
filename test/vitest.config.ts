import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const globalSetup = [fileURLToPath(new URL('./support/global-setup.ts', import.meta.url))];

/** One run, four projects; integration and e2e share one local cloud started by the global setup. */
export default defineConfig({
  test: {
    root,
    // Silences AWS SDK version banners in test workers (see lib/local/quiet.ts).
    setupFiles: [fileURLToPath(new URL('../lib/local/quiet.ts', import.meta.url))],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Services read config at import; unit tests never reach these endpoints.
          env: {
            TABLE_NAME: 'unit',
            TENANT_USER_POOL_ID: 'unit',
            MAIL_FROM: 'unit@example.test',
            WEB_URL: 'http://web.test',
            ADMIN_URL: 'http://admin.test',
            AWS_REGION: 'eu-west-2',
          },
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Platform-wide settings (keys, system prompts) affect every tenant: these run after the
        // integration and e2e projects, never beside them.
        extends: true,
        test: {
          name: 'platform',
          include: ['test/platform/**/*.test.ts'],
          globalSetup,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          provide: { web: true },
        },
      },
    ],
  },
});
