import '../../lib/local/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveWeb, startLocalCloud, type LocalCloud, type Outputs } from '../../lib/local/cloud.js';
import type { Running } from '../../lib/local/emulators.js';
import { FAKE_COMPANIES_HOUSE_KEY, startFakeCompaniesHouse } from './fakes/companies-house.js';
import { startFakeOpenAi } from './fakes/openai.js';
import { authenticate } from './cognito.js';
import { TEST_LIMITS } from './limits.js';

declare module 'vitest' {
  export interface ProvidedContext {
    outputs: Outputs;
    portBase: number;
    web: boolean;
    /** Origins of the fake OpenAI and Companies House servers (control routes under /__fake). */
    fakes: { openai: string; companiesHouse: string };
    queueUrls: Record<string, string>;
    sqsEndpoint: string;
    /** The seeded platform admin's TOTP secret, enrolled once by this setup. */
    adminTotpSecret: string;
  }
}

/** Shared across projects in this process: the cloud starts once however many projects need it. */
const shared = globalThis as unknown as {
  __quoteflowCloud?: Promise<{
    cloud: LocalCloud;
    dataDir: string;
    users: number;
    adminTotpSecret: string;
    fakes: { openai: string; companiesHouse: string; stop(): Promise<void> };
    web?: Promise<Running[]>;
  }>;
};

/** Starts the local cloud (fresh data dir, ports from 4500) for integration and e2e projects. */
export default async function setup(project: TestProject) {
  // Handlers run in this process: every response is checked against its route's schema.
  process.env.QUOTEFLOW_CHECK_RESPONSES = '1';
  process.env.QUOTEFLOW_LIMITS = JSON.stringify(TEST_LIMITS);
  shared.__quoteflowCloud ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quoteflow-test-'));
    const portBase = Number(process.env.QUOTEFLOW_TEST_PORT_BASE ?? 4500);
    const [openai, companiesHouse] = await Promise.all([startFakeOpenAi(), startFakeCompaniesHouse()]);
    const cloud = await startLocalCloud({
      portBase,
      dataDir,
      web: 'none',
      portBaseVariable: 'QUOTEFLOW_TEST_PORT_BASE',
      providerUrls: { openai: openai.url, companiesHouse: companiesHouse.url },
    });
    const platformAdmin = await enrolPlatformAdmin(cloud.outputs);
    // Companies House is platform-wide: configure it once, as a platform admin would.
    await setPlatformKey(cloud.outputs, platformAdmin.idToken, 'companiesHouse', FAKE_COMPANIES_HOUSE_KEY);
    const origin = (url: string) => new URL(url).origin;
    const fakes = {
      openai: origin(openai.url),
      companiesHouse: origin(companiesHouse.url),
      stop: async () => {
        await Promise.all([openai.stop(), companiesHouse.stop()]);
      },
    };
    return { cloud, dataDir, users: 0, fakes, adminTotpSecret: platformAdmin.totpSecret };
  })();
  const state = await shared.__quoteflowCloud;
  state.users++;
  if (project.config.provide?.web) {
    state.web ??= serveWeb('static', state.cloud.outputs, state.cloud.ports);
    await state.web;
  }
  project.provide('outputs', state.cloud.outputs);
  project.provide('adminTotpSecret', state.adminTotpSecret);
  project.provide('portBase', state.cloud.ports.api);
  project.provide('fakes', { openai: state.fakes.openai, companiesHouse: state.fakes.companiesHouse });
  project.provide('queueUrls', state.cloud.queues.urls);
  project.provide('sqsEndpoint', `http://127.0.0.1:${state.cloud.ports.sqs}`);
  return async () => {
    if (--state.users > 0) return;
    for (const r of (await state.web) ?? []) await r.stop();
    await state.cloud.stop();
    await state.fakes.stop();
    rmSync(state.dataDir, { recursive: true, force: true });
  };
}

/**
 * Signs in as the seeded platform admin the first time: the admin pool requires TOTP, so this
 * enrols an authenticator secret (MFA_SETUP) that every test then answers SOFTWARE_TOKEN_MFA with.
 */
async function enrolPlatformAdmin(outputs: Outputs): Promise<{ idToken: string; totpSecret: string }> {
  const login = outputs.DemoLogins.platformAdmin;
  const auth = await authenticate(outputs.CognitoEndpoint, outputs.AdminUserPoolClientId, login.email, login.password);
  if (!auth.totpSecret) throw new Error('The platform admin was not asked to set up TOTP');
  return { idToken: auth.IdToken, totpSecret: auth.totpSecret };
}

/** Stores a platform API key through the admin API, as a platform admin would. */
async function setPlatformKey(outputs: Outputs, token: string, provider: string, apiKey: string): Promise<void> {
  const res = await fetch(`${outputs.ApiUrl}/v1/admin/keys/${provider}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  if (!res.ok) throw new Error(`Setting the ${provider} platform key failed: ${res.status} ${await res.text()}`);
}
