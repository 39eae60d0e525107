import { randomInt } from 'node:crypto';
import type { Role } from '../shared/enums.js';
import { config } from '../shared/config.js';
import { ConflictError } from '../shared/errors.js';
import { lazy } from '../shared/lazy.js';
import { traced } from '../shared/observability.js';

// Most requests of these functions never touch the user pool; load its client on first use.
const cognito = lazy(async () => {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  return { client: traced(new sdk.CognitoIdentityProviderClient({})), sdk };
});

/** The tenant user pool, as the user services see it. */
export interface Identity {
  createUser(user: {
    email: string;
    name: string;
    tenantId: string;
    role: Role;
    temporaryPassword: string;
  }): Promise<string>;
  setRole(email: string, role: Role): Promise<void>;
  /** Issues a new temporary password; the user must choose their own at the next sign-in. */
  resetTemporaryPassword(email: string, temporaryPassword: string): Promise<void>;
  /** Deletes the sign-in; one already gone is not an error. */
  deleteUser(email: string): Promise<void>;
  /** Whether the user has TOTP enabled for sign-in (set up, verified and chosen as an MFA method). */
  totpEnabled(email: string): Promise<boolean>;
  /** Revokes every refresh token of the user (AdminUserGlobalSignOut): no session can renew itself. */
  signOutEverywhere(email: string): Promise<void>;
  /** The sign-in registered for an email, with the tenant it names, if there is one. */
  findUser(email: string): Promise<{ userId: string; tenantId?: string } | undefined>;
  /**
   * Takes over a sign-in that no user record points at (left by an invitation whose table write
   * failed, or a removal whose Cognito call did): it now names this tenant, role and name and has
   * a new temporary password.
   */
  adoptUser(user: {
    email: string;
    name: string;
    tenantId: string;
    role: Role;
    temporaryPassword: string;
  }): Promise<void>;
}

/**
 * A temporary password that satisfies the pool's policy (upper, lower, digit, symbol, 14 chars);
 * Cognito forces a new one at first sign-in.
 */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%&*?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Cognito-backed identity; invitation emails are ours (SES), so Cognito's own is suppressed. */
export const cognitoIdentity: Identity = {
  async createUser({ email, name, tenantId, role, temporaryPassword }) {
    const { client, sdk } = await cognito();
    try {
      const result = await client.send(
        new sdk.AdminCreateUserCommand({
          UserPoolId: config.tenantPoolId,
          Username: email,
          TemporaryPassword: temporaryPassword,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
            { Name: 'custom:tenantId', Value: tenantId },
            { Name: 'custom:role', Value: role },
          ],
        }),
      );
      const sub = result.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error('Cognito returned a user without a sub');
      return sub;
    } catch (error) {
      if (error instanceof sdk.UsernameExistsException) {
        throw new ConflictError('Someone with this email already has a Quoteflow account', [
          { path: 'email', message: 'Already registered' },
        ]);
      }
      throw error;
    }
  },
  async setRole(email, role) {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminUpdateUserAttributesCommand({
        UserPoolId: config.tenantPoolId,
        Username: email,
        UserAttributes: [{ Name: 'custom:role', Value: role }],
      }),
    );
  },
  async resetTemporaryPassword(email, temporaryPassword) {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminSetUserPasswordCommand({
        UserPoolId: config.tenantPoolId,
        Username: email,
        Password: temporaryPassword,
        Permanent: false,
      }),
    );
  },
  async findUser(email) {
    const { client, sdk } = await cognito();
    try {
      const found = await client.send(
        new sdk.AdminGetUserCommand({ UserPoolId: config.tenantPoolId, Username: email }),
      );
      const attribute = (name: string) => found.UserAttributes?.find((a) => a.Name === name)?.Value;
      const userId = attribute('sub');
      return userId ? { userId, tenantId: attribute('custom:tenantId') } : undefined;
    } catch (error) {
      if (error instanceof sdk.UserNotFoundException) return undefined;
      throw error;
    }
  },
  async adoptUser({ email, name, tenantId, role, temporaryPassword }) {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminUpdateUserAttributesCommand({
        UserPoolId: config.tenantPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'name', Value: name },
          { Name: 'custom:tenantId', Value: tenantId },
          { Name: 'custom:role', Value: role },
        ],
      }),
    );
    await this.resetTemporaryPassword(email, temporaryPassword);
  },
  async deleteUser(email) {
    const { client, sdk } = await cognito();
    try {
      await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: config.tenantPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof sdk.UserNotFoundException)) throw error;
    }
  },
  async signOutEverywhere(email) {
    const { client, sdk } = await cognito();
    await client.send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: config.tenantPoolId, Username: email }));
  },
  async totpEnabled(email) {
    const { client, sdk } = await cognito();
    const user = await client.send(new sdk.AdminGetUserCommand({ UserPoolId: config.tenantPoolId, Username: email }));
    // Listed only once SetUserMFAPreference enabled it; a verified token alone is not asked for at sign-in.
    return (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
  },
};
