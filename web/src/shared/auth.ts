/**
 * Sign-in against Cognito's own JSON API (no SDK): USER_PASSWORD_AUTH, the NEW_PASSWORD_REQUIRED
 * challenge and REFRESH_TOKEN_AUTH. Tokens live in sessionStorage under a key per SPA.
 */

export interface CognitoSettings {
  endpoint: string;
  clientId: string;
}

export interface Tokens {
  idToken: string;
  /** For the user's own Cognito calls (TOTP setup); absent in sessions stored before it was kept. */
  accessToken?: string;
  refreshToken: string;
  /** Epoch milliseconds at which the id token expires. */
  expiresAt: number;
}

export type SignInResult =
  | { kind: 'signedIn' }
  | { kind: 'newPasswordRequired'; email: string; session: string }
  /** The pool requires TOTP and this user has none: show `secret` (QR code and key), then ask for a code. */
  | { kind: 'mfaSetup'; email: string; session: string; secret: string }
  | { kind: 'mfaCode'; email: string; session: string };

type Action =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'Refresh'
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'SetUserMFAPreference'
  | 'RevokeToken';

/** The otpauth:// URI authenticator apps read from the QR code. */
export const otpauthUri = (issuer: string, email: string, secret: string): string =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${email}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;

/** A failed Cognito call; `message` is already fit to show to the user. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Password policy of both pools: 12+ characters with upper, lower, digit and symbol. */
export const PASSWORD_RULES: { label: string; test: (p: string) => boolean }[] = [
  { label: 'At least 12 characters', test: (p) => p.length >= 12 },
  { label: 'An upper-case letter', test: (p) => /[A-Z]/.test(p) },
  { label: 'A lower-case letter', test: (p) => /[a-z]/.test(p) },
  { label: 'A digit', test: (p) => /[0-9]/.test(p) },
  { label: 'A symbol, such as ! ? - or #', test: (p) => /[^A-Za-z0-9\s]/.test(p) },
];

function friendlyMessage(code: string, action: Action, raw: string): string {
  const text = raw.toLowerCase();
  switch (code) {
    case 'NotAuthorizedException':
      if (text.includes('attempts exceeded')) return 'Too many failed attempts. Wait a few minutes and try again.';
      if (text.includes('disabled')) return 'This account is disabled. Ask your administrator for help.';
      if (action === 'RespondToAuthChallenge') return 'This sign-in step has expired. Please sign in again.';
      if (action === 'Refresh') return 'Your session has ended. Please sign in again.';
      if (action !== 'InitiateAuth') return 'Your session has ended. Please sign in again.';
      return 'The email or password is incorrect.';
    case 'UserNotFoundException':
      return 'The email or password is incorrect.';
    case 'InvalidPasswordException':
      return action === 'RespondToAuthChallenge'
        ? `That password does not meet the policy${raw ? `: ${raw}` : '.'}`
        : 'The email or password is incorrect.';
    case 'PasswordResetRequiredException':
      return 'Your password has to be reset. Ask your administrator for help.';
    case 'UserNotConfirmedException':
      return 'Your account is not confirmed yet.';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return 'Too many attempts. Wait a minute and try again.';
    case 'InvalidParameterException':
      return raw || 'Some details are missing or invalid.';
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'That code is not right. Enter the current 6-digit code from your authenticator app.';
    case 'ExpiredCodeException':
      return 'This sign-in step has expired. Please sign in again.';
    default:
      return 'Sign-in failed. Please try again.';
  }
}

async function callCognito<T>(settings: CognitoSettings, action: Action, body: object): Promise<T> {
  const target = action === 'Refresh' ? 'InitiateAuth' : action;
  let res: Response;
  try {
    res = await fetch(settings.endpoint.replace(/\/?$/, '/'), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError('NetworkError', 'We could not reach the sign-in service. Check your connection and try again.');
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code =
      String(data.__type ?? data.code ?? 'UnknownError')
        .split('#')
        .pop() ?? 'UnknownError';
    throw new AuthError(code, friendlyMessage(code, action, String(data.message ?? data.Message ?? '')));
  }
  return data as T;
}

interface AuthResult {
  IdToken: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
}

interface AuthResponse {
  AuthenticationResult?: AuthResult;
  ChallengeName?: string;
  Session?: string;
}

/** The claims of a JWT, without verifying it (the API does that). */
export function decodeJwt(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const binary = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function expiryOf(idToken: string, expiresIn?: number): number {
  const exp = decodeJwt(idToken).exp;
  if (typeof exp === 'number') return exp * 1000;
  return Date.now() + (expiresIn ?? 3600) * 1000;
}

/** One SPA's sign-in state, observable with `useSyncExternalStore(subscribe, getTokens)`. */
export class AuthSession {
  private tokens: Tokens | null;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  /** Why the session last ended: the user signed out, or it expired; null when it never started. */
  signOutReason: 'user' | 'expired' | null = null;

  constructor(
    private readonly settings: CognitoSettings,
    private readonly storageKey: string,
  ) {
    this.tokens = this.read();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getTokens = (): Tokens | null => this.tokens;

  /** Claims of the current id token (email, custom:role …), or null when signed out. */
  claims(): Record<string, unknown> | null {
    return this.tokens ? decodeJwt(this.tokens.idToken) : null;
  }

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

  /** An access token valid for at least another 30 s (it expires with the id token). */
  private async accessToken(): Promise<string> {
    await this.idToken();
    if (this.tokens && !this.tokens.accessToken) await this.refresh();
    const token = this.tokens?.accessToken;
    if (!token) throw new AuthError('NotAuthorizedException', 'Your session has ended. Please sign in again.');
    return token;
  }

  /** An id token valid for at least another 30 s, refreshing it first if needed. */
  async idToken(): Promise<string | null> {
    if (!this.tokens) return null;
    if (
      this.tokens.expiresAt - Date.now() < 30_000 &&
      !(await this.refresh()) &&
      this.tokens &&
      this.tokens.expiresAt <= Date.now()
    ) {
      this.signOut('expired');
    }
    return this.tokens?.idToken ?? null;
  }

  /** Swaps the refresh token for a new id token; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    if (!this.tokens) return Promise.resolve(false);
    this.refreshing ??= (async () => {
      const refreshToken = this.tokens!.refreshToken;
      try {
        const res = await callCognito<AuthResponse>(this.settings, 'Refresh', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: this.settings.clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        });
        if (!res.AuthenticationResult) return false;
        this.store({ RefreshToken: refreshToken, ...res.AuthenticationResult });
        return true;
      } catch {
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  signOut(reason: 'user' | 'expired' = 'user'): void {
    // Revoke the refresh token so a copy of it cannot mint new tokens; signing out never waits on it.
    const refreshToken = this.tokens?.refreshToken;
    if (reason === 'user' && refreshToken) {
      void callCognito(this.settings, 'RevokeToken', { ClientId: this.settings.clientId, Token: refreshToken }).catch(
        () => undefined,
      );
    }
    this.signOutReason = reason;
    this.tokens = null;
    try {
      sessionStorage.removeItem(this.storageKey);
    } catch {
      /* storage unavailable: nothing to clear */
    }
    this.emit();
  }

  private store(result: AuthResult) {
    this.tokens = {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken ?? this.tokens?.refreshToken ?? '',
      expiresAt: expiryOf(result.IdToken, result.ExpiresIn),
    };
    this.signOutReason = null;
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(this.tokens));
    } catch {
      /* private mode: the session lasts as long as the page */
    }
    this.emit();
  }

  private read(): Tokens | null {
    try {
      const raw = sessionStorage.getItem(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as Tokens) : null;
      return parsed?.idToken && parsed.refreshToken ? parsed : null;
    } catch {
      return null;
    }
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
