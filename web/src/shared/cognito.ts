/**
 * Cognito's own JSON API, without an SDK: one call, and the error a user should read for it.
 */

export interface CognitoSettings {
  endpoint: string;
  clientId: string;
}

export type Action =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'Refresh'
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'SetUserMFAPreference'
  | 'RevokeToken'
  | 'ForgotPassword'
  | 'ConfirmForgotPassword'
  | 'ChangePassword';

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

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/** Whether the error means the session itself is gone (revoked or expired), not a wrong answer. */
export const sessionEnded = (error: unknown): boolean =>
  error instanceof AuthError && error.code === 'NotAuthorizedException' && error.message === SESSION_ENDED;

function notAuthorized(action: Action, text: string): string {
  if (text.includes('attempts exceeded')) return 'Too many failed attempts. Wait a few minutes and try again.';
  if (text.includes('disabled')) return 'This account is disabled. Ask your administrator for help.';
  switch (action) {
    case 'InitiateAuth':
      return 'The email or password is incorrect.';
    case 'RespondToAuthChallenge':
      return 'This sign-in step has expired. Please sign in again.';
    case 'ForgotPassword':
      return text.includes('current state')
        ? 'This account has not been activated yet: sign in with the temporary password from your invitation email.'
        : 'We could not start a password reset for this account. Ask your administrator for help.';
    case 'ChangePassword':
      return text.includes('incorrect') ? 'Your current password is not right.' : SESSION_ENDED;
    default:
      return SESSION_ENDED;
  }
}

function friendlyMessage(code: string, action: Action, raw: string): string {
  const text = raw.toLowerCase();
  const choosing = ['RespondToAuthChallenge', 'ConfirmForgotPassword', 'ChangePassword'].includes(action);
  const resetting = action === 'ConfirmForgotPassword';
  switch (code) {
    case 'NotAuthorizedException':
      return notAuthorized(action, text);
    case 'UserNotFoundException':
      return 'The email or password is incorrect.';
    case 'InvalidPasswordException':
      return choosing
        ? `That password does not meet the policy${raw ? `: ${raw.replace(/^Password does not conform to policy: /, '')}` : '.'}`
        : 'The email or password is incorrect.';
    case 'PasswordResetRequiredException':
      return 'Your password has to be reset: choose “Forgot password?” to get a code by email.';
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
      return resetting
        ? 'That code is not right. Use the code in the newest email from Quoteflow.'
        : 'That code is not right. Enter the current 6-digit code from your authenticator app.';
    case 'ExpiredCodeException':
      return resetting
        ? 'This code has expired or was tried too often. Ask for a new one.'
        : 'This sign-in step has expired. Please sign in again.';
    default:
      return resetting || action === 'ForgotPassword'
        ? 'The password reset failed. Please try again.'
        : 'Sign-in failed. Please try again.';
  }
}

/** One call of Cognito's API (`Refresh` is InitiateAuth with a refresh token, told apart for its messages). */
export async function callCognito<T>(settings: CognitoSettings, action: Action, body: object): Promise<T> {
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
