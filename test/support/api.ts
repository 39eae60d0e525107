import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { authenticate } from './cognito.js';

export const outputs = inject('outputs');

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the local API gateway like any HTTP client would. */
export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${outputs.ApiUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** A client bound to one token. */
export const client = (token: string) => ({
  token,
  get: <T = any>(path: string) => call<T>('GET', path, { token }),
  post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    call<T>('POST', path, { token, body, headers }),
  patch: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    call<T>('PATCH', path, { token, body, headers }),
  put: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    call<T>('PUT', path, { token, body, headers }),
  delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, { token, headers }),
});
export type Client = ReturnType<typeof client>;

const clientIdOf = (pool: 'tenant' | 'admin') =>
  pool === 'tenant' ? outputs.UserPoolClientId : outputs.AdminUserPoolClientId;

/** The seeded platform admin's TOTP secret (the global setup enrolled it: the admin pool requires MFA). */
export const adminTotpSecret = inject('adminTotpSecret');

/** Every token of a sign-in through all its challenges (see support/cognito.ts). */
export const authenticateAs = (
  email: string,
  password: string,
  pool: 'tenant' | 'admin' = 'tenant',
  options: { newPassword?: string; totpSecret?: string } = {},
) => authenticate(outputs.CognitoEndpoint, clientIdOf(pool), email, password, options);

/** Signs in with USER_PASSWORD_AUTH; answers NEW_PASSWORD_REQUIRED with `newPassword` when given. */
export async function signIn(
  email: string,
  password: string,
  pool: 'tenant' | 'admin' = 'tenant',
  newPassword?: string,
) {
  return (await authenticateAs(email, password, pool, { newPassword })).IdToken;
}

/** The local SES mailbox. */
export async function mailbox(): Promise<
  { messageId: string; subject: string; destination: { to: string[] }; body: { text?: string; html?: string } }[]
> {
  const res = await fetch(`${outputs.MailboxUrl}/store`);
  return (await res.json()).emails;
}

/** The newest email to `to`, waiting briefly for it to land. */
export async function lastEmailTo(to: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = (await mailbox()).filter((e) => e.destination.to.some((d) => d.includes(to))).at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No email to ${to}`);
}

/** The temporary password inside an invitation email. */
export const temporaryPasswordIn = (text: string) => /Temporary password: (\S+)/.exec(text)?.[1] ?? '';

export const NEW_PASSWORD = 'Correct-Horse-9-Battery';

let adminClient: Promise<Client> | undefined;
/** The seeded platform admin. */
export const admin = () =>
  (adminClient ??= authenticateAs(
    outputs.DemoLogins.platformAdmin.email,
    outputs.DemoLogins.platformAdmin.password,
    'admin',
    { totpSecret: adminTotpSecret },
  ).then((a) => client(a.IdToken)));

/** A unique suffix so tests never collide on slugs or emails. */
export const unique = () => randomUUID().slice(0, 8);

/** Accepts an invitation: reads the email, signs in with the temporary password, sets a new one. */
export async function acceptInvitation(email: string): Promise<Client> {
  const invitation = await lastEmailTo(email);
  return client(await signIn(email, temporaryPasswordIn(invitation.body.text ?? ''), 'tenant', NEW_PASSWORD));
}

/** A fresh tenant with a signed-in owner, created the way a platform admin would. */
export async function newTenant(name = 'Test Co') {
  const id = unique();
  const email = `owner-${id}@example.test`;
  const res = await (
    await admin()
  ).post('/v1/admin/tenants', {
    name: `${name} ${id}`,
    slug: `t-${id}`,
    plan: 'starter',
    owner: { email, name: `Owner ${id}` },
  });
  if (res.status !== 201) throw new Error(`tenant create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const owner = await acceptInvitation(email);
  return { tenant: res.body, owner, ownerEmail: email };
}

/** Invites a user with `role` into the owner's tenant and signs them in. */
export async function newMember(owner: Client, role: 'owner' | 'admin' | 'sales' | 'viewer') {
  const email = `${role}-${unique()}@example.test`;
  const res = await owner.post('/v1/users', { email, name: `A ${role}`, role });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { user: res.body, client: await acceptInvitation(email) };
}

/** Creates a company and returns it. */
export async function newCompany(owner: Client, fields: Record<string, unknown> = {}) {
  const res = await owner.post('/v1/companies', { name: `Company ${unique()}`, stage: 'lead', ...fields });
  if (res.status !== 201) throw new Error(`company create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls an analysis run until it succeeds or fails (the workflow runs asynchronously). */
export async function waitForRun(owner: Client, companyId: string, runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await owner.get(`/v1/companies/${companyId}/analysis/${runId}`);
    if (res.status !== 200) throw new Error(`run read failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} still ${res.body.status}/${res.body.step} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drives the fake OpenAI server shared by the test run; scripts are per API key so files cannot collide. */
export const fakeOpenAi = (origin: string) => ({
  script: async (apiKey: string, ...behaviours: unknown[]) => {
    const res = await fetch(`${origin}/__fake/script?key=${encodeURIComponent(apiKey)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviours),
    });
    if (!res.ok) throw new Error(`fake script failed: ${res.status}`);
  },
  requests: async (apiKey: string): Promise<{ path: string; headers: Record<string, string>; body: any }[]> =>
    (await fetch(`${origin}/__fake/requests?key=${encodeURIComponent(apiKey)}`)).json(),
});

/** A company with enough history for an analysis to say something. */
export async function analysableCompany(owner: Client, fields: Record<string, unknown> = {}) {
  const company = await newCompany(owner, {
    name: `Analysed ${unique()}`,
    stage: 'opportunity',
    industry: 'Legal services',
    knownFacts: [
      '40 staff still on Windows 10 laptops',
      'Current IT provider is Acme Networks, contract ends in March',
    ],
    ...fields,
  });
  const base = `/v1/companies/${company.companyId}`;
  await owner.post(`${base}/contacts`, {
    firstName: 'Priya',
    lastName: 'Shah',
    jobTitle: 'Managing Partner',
    role: 'decision_maker',
    emails: [{ address: `priya-${unique()}@example.test`, type: 'work', primary: true }],
  });
  await owner.post(`${base}/activities`, {
    type: 'meeting',
    subject: 'Discovery meeting about the laptop refresh',
    occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  });
  return company;
}
