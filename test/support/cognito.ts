import { Secret, TOTP } from 'otpauth';

/** The six-digit TOTP code an authenticator app would show now for a base32 secret (RFC 6238, as Cognito). */
export const totpCode = (secret: string, timestamp = Date.now()): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });

/** One call to Cognito's JSON API, as the SPA makes it; a failure throws with Cognito's answer. */
export async function cognitoCall(endpoint: string, target: string, body: unknown): Promise<any> {
  const res = await fetch(`${endpoint.replace(/\/$/, '')}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${target} failed: ${JSON.stringify(json)}`);
  return json;
}

export interface Authenticated {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
  /** The TOTP secret this sign-in set up (MFA_SETUP), or the one it was given. */
  totpSecret?: string;
}

/**
 * USER_PASSWORD_AUTH through every challenge the pools ask: NEW_PASSWORD_REQUIRED with
 * `newPassword`, MFA_SETUP (associates and verifies a new TOTP secret, returned), and
 * SOFTWARE_TOKEN_MFA with a code from `totpSecret`.
 */
export async function authenticate(
  endpoint: string,
  clientId: string,
  email: string,
  password: string,
  options: { newPassword?: string; totpSecret?: string } = {},
): Promise<Authenticated> {
  let totpSecret = options.totpSecret;
  let res = await cognitoCall(endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  const respond = (ChallengeName: string, Session: string, responses: Record<string, string>) =>
    cognitoCall(endpoint, 'RespondToAuthChallenge', {
      ChallengeName,
      ClientId: clientId,
      Session,
      ChallengeResponses: { USERNAME: email, ...responses },
    });
  for (let step = 0; res.ChallengeName && step < 4; step++) {
    if (res.ChallengeName === 'NEW_PASSWORD_REQUIRED' && options.newPassword) {
      res = await respond(res.ChallengeName, res.Session, { NEW_PASSWORD: options.newPassword });
    } else if (res.ChallengeName === 'MFA_SETUP') {
      const associated = await cognitoCall(endpoint, 'AssociateSoftwareToken', { Session: res.Session });
      totpSecret = associated.SecretCode as string;
      const verified = await cognitoCall(endpoint, 'VerifySoftwareToken', {
        Session: associated.Session,
        UserCode: totpCode(totpSecret),
      });
      res = await respond('MFA_SETUP', verified.Session, {});
    } else if (res.ChallengeName === 'SOFTWARE_TOKEN_MFA' && totpSecret) {
      res = await respond(res.ChallengeName, res.Session, { SOFTWARE_TOKEN_MFA_CODE: totpCode(totpSecret) });
    } else {
      throw new Error(`Unexpected challenge ${res.ChallengeName}`);
    }
  }
  if (!res.AuthenticationResult) throw new Error(`Sign-in did not finish: ${JSON.stringify(res)}`);
  return { ...res.AuthenticationResult, totpSecret };
}
