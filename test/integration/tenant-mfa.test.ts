import { beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateAs,
  client,
  lastEmailTo,
  newTenant,
  NEW_PASSWORD,
  outputs,
  temporaryPasswordIn,
  unique,
  type Client,
} from '../support/api.js';
import { cognitoCall, totpCode } from '../support/cognito.js';

const cognito = (target: string, body: unknown) => cognitoCall(outputs.CognitoEndpoint, target, body);

/** What the SPA's "Set up two-factor" panel does with the user's access token; returns the secret. */
async function setUpTotp(accessToken: string, options: { enable?: boolean } = {}): Promise<string> {
  const { SecretCode: secret } = await cognito('AssociateSoftwareToken', { AccessToken: accessToken });
  await cognito('VerifySoftwareToken', { AccessToken: accessToken, UserCode: totpCode(secret) });
  if (options.enable !== false) {
    await cognito('SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  }
  return secret;
}

/** Invites `role` and signs them in through the first-password step, keeping every token. */
async function invite(owner: Client, role: 'sales' | 'viewer') {
  const email = `${role}-${unique()}@example.test`;
  const res = await owner.post('/v1/users', { email, name: `A ${role}`, role });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  const password = temporaryPasswordIn((await lastEmailTo(email)).body.text ?? '');
  const tokens = await authenticateAs(email, password, 'tenant', { newPassword: NEW_PASSWORD });
  return { email, tokens, api: client(tokens.IdToken) };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('a workspace that requires two-factor sign-in', () => {
  let owner: Client;
  let ownerEmail: string;
  let ownerAccessToken: string;

  beforeAll(async () => {
    const t = await newTenant('MFA');
    ownerEmail = t.ownerEmail;
    // Sign in again for the access token (newTenant keeps only the ID token).
    const tokens = await authenticateAs(ownerEmail, NEW_PASSWORD);
    owner = client(tokens.IdToken);
    ownerAccessToken = tokens.AccessToken;
  });

  it('cannot be required by an owner without TOTP of their own, so they cannot lock themselves out', async () => {
    const before = await owner.get('/v1/settings/security');
    expect(before.status).toBe(200);
    expect(before.body.mfaRequired).toBe(false);

    const res = await owner.patch('/v1/settings/security', { mfaRequired: true }, ifMatch(before.body.version));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'mfaRequired', message: 'Set up your own two-factor sign-in first' }]);
    expect((await owner.get('/v1/settings/security')).body).toEqual(before.body);
  });

  it('takes the workspace version: 428 without If-Match, 409 on a stale one', async () => {
    const current = (await owner.get('/v1/settings/security')).body;
    expect((await owner.patch('/v1/settings/security', { mfaRequired: false })).status).toBe(428);
    const stale = await owner.patch('/v1/settings/security', { mfaRequired: false }, ifMatch(current.version + 5));
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'version', message: 'Stale version' }]);
  });

  it('records TOTP only once the user pool has it enabled, not when the client says so', async () => {
    // A verified token alone is not asked for at sign-in (Cognito needs SetUserMFAPreference too).
    await setUpTotp(ownerAccessToken, { enable: false });
    expect((await owner.post('/v1/me/mfa/refresh')).body.mfaEnabled).toBe(false);
    // An ID token is not an access token, in Cognito and in the local twin.
    await expect(cognito('AssociateSoftwareToken', { AccessToken: owner.token })).rejects.toThrow(/NotAuthorized/);
  });

  it('lets the owner require it after setting up TOTP; members without it can reach only the setup', async () => {
    const sales = await invite(owner, 'sales');
    const viewer = await invite(owner, 'viewer');
    expect((await sales.api.get('/v1/companies')).status).toBe(200);

    const secret = await setUpTotp(ownerAccessToken);
    const refreshed = await owner.post('/v1/me/mfa/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.mfaEnabled).toBe(true);
    const current = (await owner.get('/v1/settings/security')).body;
    const required = await owner.patch('/v1/settings/security', { mfaRequired: true }, ifMatch(current.version));
    expect(required.status).toBe(200);
    expect(required.body).toMatchObject({ mfaRequired: true, version: current.version + 1 });
    expect(required.headers.get('etag')).toBe(`"${current.version + 1}"`);

    // A viewer may neither read nor change it.
    const denied = await viewer.api.patch(
      '/v1/settings/security',
      { mfaRequired: false },
      ifMatch(current.version + 1),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.type).toBe('https://quoteflow.app/problems/forbidden');

    // The member without TOTP: refused everywhere but the setup.
    const blocked = await sales.api.get('/v1/companies');
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toBe('https://quoteflow.app/problems/mfa-required');
    expect((await sales.api.post('/v1/companies', { name: 'Sneaky' })).body.type).toMatch(/mfa-required$/);
    const me = await sales.api.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ mfaEnabled: false, tenant: { mfaRequired: true } });
    expect((await sales.api.post('/v1/me/mfa/refresh')).body.mfaEnabled).toBe(false);

    // After setup: through, and the next sign-in asks for the code.
    const salesSecret = await setUpTotp(sales.tokens.AccessToken);
    expect((await sales.api.post('/v1/me/mfa/refresh')).body.mfaEnabled).toBe(true);
    expect((await sales.api.get('/v1/companies')).status).toBe(200);
    const again = await cognito('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: outputs.UserPoolClientId,
      AuthParameters: { USERNAME: sales.email, PASSWORD: NEW_PASSWORD },
    });
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const signedIn = await authenticateAs(sales.email, NEW_PASSWORD, 'tenant', { totpSecret: salesSecret });
    expect((await client(signedIn.IdToken).get('/v1/companies')).status).toBe(200);

    // Turning TOTP off in the pool (anyone may, with their access token) counts from the next app load.
    await cognito('SetUserMFAPreference', {
      AccessToken: signedIn.AccessToken,
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect((await client(signedIn.IdToken).get('/v1/me')).body.mfaEnabled).toBe(false);
    expect((await client(signedIn.IdToken).get('/v1/companies')).body.type).toMatch(/mfa-required$/);

    // The owner signs in with a code too, and may stop requiring it.
    const ownerAgain = client(
      (await authenticateAs(ownerEmail, NEW_PASSWORD, 'tenant', { totpSecret: secret })).IdToken,
    );
    const off = await ownerAgain.patch('/v1/settings/security', { mfaRequired: false }, ifMatch(current.version + 1));
    expect(off.status).toBe(200);
    expect((await viewer.api.get('/v1/companies')).status).toBe(200);
  });
});
