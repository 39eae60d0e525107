import { AuthError, callCognito, type CognitoSettings } from './cognito';

export type SignInResult =
  | { kind: 'signedIn' }
  | { kind: 'newPasswordRequired'; email: string; session: string }
  /** The pool requires TOTP and this user has none: show `secret` (QR code and key), then ask for a code. */
  | { kind: 'mfaSetup'; email: string; session: string; secret: string }
  | { kind: 'mfaCode'; email: string; session: string };

/** Tokens as Cognito answers them. */
export interface AuthResult {
  IdToken: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
}

export interface AuthResponse {
  AuthenticationResult?: AuthResult;
  ChallengeName?: string;
  Session?: string;
}

/**
 * The sign-in steps (USER_PASSWORD_AUTH, NEW_PASSWORD_REQUIRED, MFA setup and codes), the forgotten
 * password and the user's own account calls; where the tokens go is the subclass's business.
 */
export abstract class CognitoSignIn {
  constructor(protected readonly settings: CognitoSettings) {}

  /** Keeps the tokens of a finished sign-in. */
  protected abstract store(result: AuthResult): void;

  /** An access token valid for at least another 30 s. */
  protected abstract accessToken(): Promise<string>;

  async signIn(email: string, password: string): Promise<SignInResult> {
    const username = email.trim().toLowerCase();
    const res = await callCognito<AuthResponse>(this.settings, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: this.settings.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    return this.next(username, res);
  }

  /** What a Cognito answer asks for next: tokens end the sign-in, a challenge names the next step. */
  private async next(email: string, res: AuthResponse): Promise<SignInResult> {
    if (res.ChallengeName === 'NEW_PASSWORD_REQUIRED' && res.Session) {
      return { kind: 'newPasswordRequired', email, session: res.Session };
    }
    if (res.ChallengeName === 'MFA_SETUP' && res.Session) {
      const associated = await callCognito<{ SecretCode: string; Session: string }>(
        this.settings,
        'AssociateSoftwareToken',
        { Session: res.Session },
      );
      return { kind: 'mfaSetup', email, session: associated.Session, secret: associated.SecretCode };
    }
    if (res.ChallengeName === 'SOFTWARE_TOKEN_MFA' && res.Session) {
      return { kind: 'mfaCode', email, session: res.Session };
    }
    if (!res.AuthenticationResult) {
      throw new AuthError(
        'UnsupportedChallenge',
        'This account needs a sign-in step we do not support yet. Ask your administrator.',
      );
    }
    this.store(res.AuthenticationResult);
    return { kind: 'signedIn' };
  }

  /** Answers NEW_PASSWORD_REQUIRED (first sign-in of an invited user); MFA setup may follow. */
  async setNewPassword(email: string, session: string, newPassword: string): Promise<SignInResult> {
    const res = await callCognito<AuthResponse>(this.settings, 'RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: this.settings.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    });
    return this.next(email, res);
  }

  /** Finishes MFA_SETUP: verifies the first code from the new authenticator, then completes sign-in. */
  async verifyMfaSetup(email: string, session: string, code: string): Promise<SignInResult> {
    const verified = await callCognito<{ Session: string }>(this.settings, 'VerifySoftwareToken', {
      Session: session,
      UserCode: code.trim(),
      FriendlyDeviceName: 'Authenticator app',
    });
    const res = await callCognito<AuthResponse>(this.settings, 'RespondToAuthChallenge', {
      ChallengeName: 'MFA_SETUP',
      ClientId: this.settings.clientId,
      Session: verified.Session,
      ChallengeResponses: { USERNAME: email },
    });
    return this.next(email, res);
  }

  /** Answers SOFTWARE_TOKEN_MFA with the code from the user's authenticator. */
  async answerMfaCode(email: string, session: string, code: string): Promise<SignInResult> {
    const res = await callCognito<AuthResponse>(this.settings, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: this.settings.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code.trim() },
    });
    return this.next(email, res);
  }

  /**
   * Asks Cognito to email a password-reset code. An unknown email gets the same answer as a known
   * one (the pool prevents user-existence errors), so the page never says which emails exist.
   */
  async forgotPassword(email: string): Promise<void> {
    await callCognito(this.settings, 'ForgotPassword', {
      ClientId: this.settings.clientId,
      Username: email.trim().toLowerCase(),
    });
  }

  /** Sets the new password with the emailed code, then signs in with it (a TOTP code may follow). */
  async confirmForgotPassword(email: string, code: string, newPassword: string): Promise<SignInResult> {
    const username = email.trim().toLowerCase();
    await callCognito(this.settings, 'ConfirmForgotPassword', {
      ClientId: this.settings.clientId,
      Username: username,
      ConfirmationCode: code.trim(),
      Password: newPassword,
    });
    return this.signIn(username, newPassword);
  }

  /** The signed-in user changes their password; other sessions stay signed in. */
  async changePassword(previous: string, proposed: string): Promise<void> {
    await callCognito(this.settings, 'ChangePassword', {
      AccessToken: await this.accessToken(),
      PreviousPassword: previous,
      ProposedPassword: proposed,
    });
  }

  /**
   * Starts setting up TOTP for the signed-in user (their choice, or their workspace requires it):
   * the secret to show as a QR code and key. Until confirmed, sign-in does not ask for a code.
   */
  async beginTotpSetup(): Promise<string> {
    const res = await callCognito<{ SecretCode: string }>(this.settings, 'AssociateSoftwareToken', {
      AccessToken: await this.accessToken(),
    });
    return res.SecretCode;
  }

  /** Confirms the new authenticator with its first code and turns TOTP on for every sign-in. */
  async confirmTotpSetup(code: string): Promise<void> {
    const accessToken = await this.accessToken();
    await callCognito(this.settings, 'VerifySoftwareToken', {
      AccessToken: accessToken,
      UserCode: code.trim(),
      FriendlyDeviceName: 'Authenticator app',
    });
    // A verified token is not asked for at sign-in until it is an enabled MFA method.
    await callCognito(this.settings, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  }
}
