import { beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateAs,
  call,
  client,
  lastEmailTo,
  mailbox,
  newCompany,
  newMember,
  newTenant,
  NEW_PASSWORD,
  outputs,
  temporaryPasswordIn,
  unique,
  type Client,
} from '../support/api.js';

/** A Cognito call as the SPA makes it, answering with Cognito's error type instead of throwing. */
async function cognito(target: string, body: object): Promise<{ ok: boolean; type?: string; body: any }> {
  const res = await fetch(`${outputs.CognitoEndpoint.replace(/\/$/, '')}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  return { ok: res.ok, type: res.ok ? undefined : String(json.__type ?? json.code), body: json };
}

const clientId = () => outputs.UserPoolClientId;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const codeIn = (text: string) => /code is (\d{6})/.exec(text)?.[1] ?? '';

/** Invites a sales user and keeps every token of their first sign-in. */
async function member(owner: Client) {
  const email = `sales-${unique()}@example.test`;
  const res = await owner.post('/v1/users', { email, name: 'A seller', role: 'sales' });
  expect(res.status).toBe(201);
  const password = temporaryPasswordIn((await lastEmailTo(email)).body.text ?? '');
  const tokens = await authenticateAs(email, password, 'tenant', { newPassword: NEW_PASSWORD });
  return { email, tokens, api: client(tokens.IdToken), userId: res.body.userId as string };
}

describe('PATCH /v1/me: the user’s own profile', () => {
  let owner: Client;
  beforeAll(async () => {
    ({ owner } = await newTenant('Profile Co'));
  });

  it('saves the name and time zone on the user’s version and shows them on /v1/me and the team', async () => {
    const me = (await owner.get('/v1/me')).body;
    expect(me.timeZone).toBeNull();
    const res = await owner.patch(
      '/v1/me',
      { name: '  Ada Lovelace ', timeZone: 'Europe/London' },
      ifMatch(me.version),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Ada Lovelace', timeZone: 'Europe/London', version: me.version + 1 });
    expect(res.body.tenant.tenantId).toBe(me.tenant.tenantId);
    expect(res.headers.get('etag')).toBe(`"${me.version + 1}"`);
    expect((await owner.get('/v1/me')).body).toMatchObject({ name: 'Ada Lovelace', timeZone: 'Europe/London' });
    const team = (await owner.get('/v1/users')).body.items;
    expect(team.find((u: any) => u.userId === me.userId)).toMatchObject({ timeZone: 'Europe/London' });
    expect(team.find((u: any) => u.userId === me.userId)).not.toHaveProperty('sessionsValidAfter');
  });

  it('refuses a time zone that is not an IANA name, an email or role change, and a stale version', async () => {
    const me = (await owner.get('/v1/me')).body;
    for (const timeZone of ['Mars/Olympus', 'GMT+1', '+01:00', '', 'x'.repeat(100)]) {
      const bad = await owner.patch('/v1/me', { timeZone }, ifMatch(me.version));
      expect(bad.status, timeZone).toBe(400);
      expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'timeZone' }));
    }
    const email = await owner.patch('/v1/me', { email: 'new@example.test' }, ifMatch(me.version));
    expect(email.status).toBe(400);
    expect(email.body.errors).toContainEqual({ path: 'email', message: 'Unknown field' });
    expect((await owner.patch('/v1/me', { role: 'viewer' }, ifMatch(me.version))).status).toBe(400);
    expect((await owner.patch('/v1/me', { name: 'No version' })).status).toBe(428);
    const stale = await owner.patch('/v1/me', { name: 'Stale' }, ifMatch(me.version - 1));
    expect(stale.status).toBe(409);
    expect((await owner.get('/v1/me')).body.name).toBe(me.name);
  });

  it('changes only the caller: a viewer may edit their own profile, and nobody else’s record moves', async () => {
    const viewer = await newMember(owner, 'viewer');
    const before = (await owner.get('/v1/me')).body;
    const mine = (await viewer.client.get('/v1/me')).body;
    const res = await viewer.client.patch('/v1/me', { timeZone: 'America/New_York' }, ifMatch(mine.version));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: mine.userId, timeZone: 'America/New_York', role: 'viewer' });
    expect((await owner.get('/v1/me')).body).toMatchObject({ version: before.version, timeZone: before.timeZone });
  });
});

describe('a name with characters above U+FFFF (found by the fuzz test as a 500 from the queue)', () => {
  it(
    'is kept, and a bulk analysis requested under it starts with 202 and runs to the end',
    { timeout: 60_000 },
    async () => {
      const { owner } = await newTenant('Astral Co');
      const me = (await owner.get('/v1/me')).body;
      // Characters SQS allows but fauxqs refused until the queue escaped them (surrogate pairs in UTF-16).
      const name = 'ㄢ𑥕㋌𞟸⧧𛀢𓊬ϑ 🚀';
      const saved = await owner.patch('/v1/me', { name }, ifMatch(me.version));
      expect(saved.status).toBe(200);
      expect(saved.body.name).toBe(name);
      await newCompany(owner, { stage: 'lead' });

      const started = await owner.post('/v1/analysis-batches', { stage: 'lead' });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ requestedByName: name, total: 1 });
      const deadline = Date.now() + 45_000;
      let batch = started.body;
      while (!batch.done && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        batch = (await owner.get(`/v1/analysis-batches/${started.body.batchId}`)).body;
      }
      expect(batch).toMatchObject({ done: true, requestedByName: name });
      expect(batch.succeeded + batch.failed).toBe(1);
    },
  );

  it('refuses a name with characters that are not text, naming the field, and keeps the old one', async () => {
    const { owner } = await newTenant('Not text Co');
    const me = (await owner.get('/v1/me')).body;
    for (const name of ['Ada\uFFFE', 'Ada\u0000', 'Ada\uD800']) {
      const res = await owner.patch('/v1/me', { name }, ifMatch(me.version));
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.errors).toContainEqual({ path: 'name', message: 'Contains characters that are not allowed' });
    }
    expect((await owner.get('/v1/me')).body).toMatchObject({ name: me.name, version: me.version });
  });
});

describe('POST /v1/me/sign-out-everywhere', () => {
  it('ends every session of the caller at once (ID tokens and refresh tokens), and no one else’s', async () => {
    const { owner } = await newTenant('Sessions Co');
    const seller = await member(owner);
    const laptop = await authenticateAs(seller.email, NEW_PASSWORD);
    const colleague = await member(owner);
    expect((await client(laptop.IdToken).get('/v1/me')).status).toBe(200);

    const res = await seller.api.post('/v1/me/sign-out-everywhere');
    expect(res.status).toBe(204);

    // Both devices' ID tokens are refused at once, not an hour later.
    for (const token of [seller.tokens.IdToken, laptop.IdToken]) {
      const refused = await call('GET', '/v1/companies', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toMatch(/signed out of all devices/);
    }
    // Neither refresh token mints new tokens.
    for (const refreshToken of [seller.tokens.RefreshToken, laptop.RefreshToken]) {
      const refreshed = await cognito('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId(),
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      });
      expect(refreshed.type).toBe('NotAuthorizedException');
    }
    // The colleague is untouched; signing in again works at once (same second included).
    expect((await colleague.api.get('/v1/me')).status).toBe(200);
    expect((await colleague.api.get('/v1/users')).status).toBe(200);
    const again = await authenticateAs(seller.email, NEW_PASSWORD);
    expect((await client(again.IdToken).get('/v1/me')).status).toBe(200);
  });

  it('is safe to repeat (a retried press) and refuses tokens of no one in the workspace', async () => {
    const { owner } = await newTenant('Repeat Co');
    const seller = await member(owner);
    expect((await seller.api.post('/v1/me/sign-out-everywhere')).status).toBe(204);
    // The old token is already refused, so the retry needs a new sign-in, and does the same.
    const again = client((await authenticateAs(seller.email, NEW_PASSWORD)).IdToken);
    expect((await again.post('/v1/me/sign-out-everywhere')).status).toBe(204);
    expect((await again.get('/v1/me')).status).toBe(401);
    expect((await call('POST', '/v1/me/sign-out-everywhere')).status).toBe(401);
  });
});

describe('workspace settings: the default currency', () => {
  let owner: Client;
  let other: Client;
  beforeAll(async () => {
    [{ owner }, { owner: other }] = await Promise.all([newTenant('Currency Co'), newTenant('Other Co')]);
  });

  it('defaults to GBP, takes an ISO 4217 code from an owner or admin, and stays in its own workspace', async () => {
    const before = (await owner.get('/v1/settings/workspace')).body;
    expect(before).toMatchObject({ currency: 'GBP' });
    const saved = await owner.patch('/v1/settings/workspace', { currency: 'eur' }, ifMatch(before.version));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ currency: 'EUR', version: before.version + 1 });
    expect((await owner.get('/v1/settings/workspace')).body.currency).toBe('EUR');
    expect((await other.get('/v1/settings/workspace')).body.currency).toBe('GBP');

    const admin = await newMember(owner, 'admin');
    const byAdmin = await admin.client.patch('/v1/settings/workspace', {
      currency: 'PLN',
      version: before.version + 1,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.currency).toBe('PLN');
  });

  it('refuses an unknown code, sales and viewers, and a stale version; a viewer still reads it', async () => {
    const current = (await owner.get('/v1/settings/workspace')).body;
    for (const currency of ['XYZ', 'POUNDS', '', 12]) {
      const bad = await owner.patch('/v1/settings/workspace', { currency }, ifMatch(current.version));
      expect(bad.status, String(currency)).toBe(400);
      expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'currency' }));
    }
    const sales = await newMember(owner, 'sales');
    expect(
      (await sales.client.patch('/v1/settings/workspace', { currency: 'USD' }, ifMatch(current.version))).status,
    ).toBe(403);
    const viewer = await newMember(owner, 'viewer');
    expect((await viewer.client.get('/v1/settings/workspace')).body.currency).toBe(current.currency);
    expect(
      (await owner.patch('/v1/settings/workspace', { currency: 'USD' }, ifMatch(current.version - 1))).status,
    ).toBe(409);
    expect((await owner.get('/v1/settings/workspace')).body).toMatchObject({
      currency: current.currency,
      version: current.version,
    });
  });
});

describe('the local Cognito answers password calls as Cognito does', () => {
  let owner: Client;
  beforeAll(async () => {
    ({ owner } = await newTenant('Password Co'));
  });

  it('forgot password: the code reaches the mailbox; a wrong code, a weak password, then the right ones', async () => {
    const seller = await member(owner);
    expect((await cognito('ForgotPassword', { ClientId: clientId(), Username: seller.email })).ok).toBe(true);
    const email = await lastEmailTo(seller.email);
    expect(email.subject).toBe('Your Quoteflow password reset code');
    const code = codeIn(email.body.text ?? '');
    expect(code).toMatch(/^\d{6}$/);
    const confirm = (ConfirmationCode: string, Password: string) =>
      cognito('ConfirmForgotPassword', { ClientId: clientId(), Username: seller.email, ConfirmationCode, Password });
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await confirm(wrong, 'Brand-New-Pass-42')).type).toBe('CodeMismatchException');
    const weak = await confirm(code, 'short');
    expect(weak.type).toBe('InvalidPasswordException');
    expect(weak.body.message).toMatch(/not long enough/);
    expect((await confirm(code, 'Brand-New-Pass-42')).ok).toBe(true);
    // The code is spent; the new password signs in and the old one no longer does.
    expect((await confirm(code, 'Another-New-Pass-43')).type).toBe('CodeMismatchException');
    expect((await client((await authenticateAs(seller.email, 'Brand-New-Pass-42')).IdToken).get('/v1/me')).status).toBe(
      200,
    );
    await expect(authenticateAs(seller.email, NEW_PASSWORD)).rejects.toThrow(/NotAuthorized/);
  });

  it('five wrong codes end the code; an unknown email gets the same answer and no email', async () => {
    const seller = await member(owner);
    await cognito('ForgotPassword', { ClientId: clientId(), Username: seller.email });
    const code = codeIn((await lastEmailTo(seller.email)).body.text ?? '');
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        (
          await cognito('ConfirmForgotPassword', {
            ClientId: clientId(),
            Username: seller.email,
            ConfirmationCode: wrong,
            Password: 'Brand-New-Pass-42',
          })
        ).type,
      );
    }
    expect(answers.at(-1)).toBe('ExpiredCodeException');
    const late = await cognito('ConfirmForgotPassword', {
      ClientId: clientId(),
      Username: seller.email,
      ConfirmationCode: code,
      Password: 'Brand-New-Pass-42',
    });
    expect(late.ok).toBe(false);

    const nobody = `nobody-${unique()}@example.test`;
    const unknown = await cognito('ForgotPassword', { ClientId: clientId(), Username: nobody });
    expect(unknown.ok).toBe(true);
    expect(unknown.body.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    await new Promise((r) => setTimeout(r, 300));
    expect((await mailbox()).some((e) => e.destination.to.some((to) => to.includes(nobody)))).toBe(false);
  });

  it('an invited user who never signed in cannot reset (their invitation holds the way in)', async () => {
    const email = `pending-${unique()}@example.test`;
    expect((await owner.post('/v1/users', { email, name: 'Pending', role: 'sales' })).status).toBe(201);
    const res = await cognito('ForgotPassword', { ClientId: clientId(), Username: email });
    expect(res.type).toBe('NotAuthorizedException');
  });

  it('change password: needs the access token and the current password, and the policy', async () => {
    const seller = await member(owner);
    const change = (AccessToken: string, PreviousPassword: string, ProposedPassword: string) =>
      cognito('ChangePassword', { AccessToken, PreviousPassword, ProposedPassword });
    expect((await change(seller.tokens.IdToken, NEW_PASSWORD, 'Changed-Pass-77!')).type).toBe('NotAuthorizedException');
    const wrongOld = await change(seller.tokens.AccessToken, 'Not-My-Password-1', 'Changed-Pass-77!');
    expect(wrongOld.type).toBe('NotAuthorizedException');
    expect((await change(seller.tokens.AccessToken, NEW_PASSWORD, 'nouppercase-77!')).type).toBe(
      'InvalidPasswordException',
    );
    expect((await change(seller.tokens.AccessToken, NEW_PASSWORD, 'Changed-Pass-77!')).ok).toBe(true);
    expect((await authenticateAs(seller.email, 'Changed-Pass-77!')).IdToken).toBeTruthy();
    // The session it was changed from keeps working.
    expect((await seller.api.get('/v1/me')).status).toBe(200);
  });

  it('a first password must meet the policy too', async () => {
    const email = `first-${unique()}@example.test`;
    await owner.post('/v1/users', { email, name: 'First', role: 'sales' });
    const temporary = temporaryPasswordIn((await lastEmailTo(email)).body.text ?? '');
    await expect(authenticateAs(email, temporary, 'tenant', { newPassword: 'weakpass' })).rejects.toThrow(
      /InvalidPasswordException/,
    );
  });
});
