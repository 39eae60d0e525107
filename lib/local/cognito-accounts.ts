import { codeEmail, passwordPolicy } from '../manifest.js';

/**
 * The account calls cognito-local 5.3.0 lacks or answers unlike Cognito, answered as Cognito does
 * for a pool like ours (preventUserExistenceErrors, the password policy of lib/manifest.ts):
 *
 * - GlobalSignOut (the user's access token) and AdminUserGlobalSignOut revoke every refresh token
 *   of the user (cognito-local has neither).
 * - ForgotPassword for an unknown email answers as for a known one and sends nothing; for an
 *   invited user who never signed in it is refused, as Cognito refuses FORCE_CHANGE_PASSWORD.
 *   The code email goes to the local mailbox (see MailboxSender).
 * - ConfirmForgotPassword: a code works for one hour and five wrong tries end it; a new
 *   password must meet the policy (cognito-local checks neither).
 * - ChangePassword checks the access token (not an ID token, not expired), answers a wrong old
 *   password with NotAuthorizedException and a weak new one with InvalidPasswordException.
 * - A new password at first sign-in (NEW_PASSWORD_REQUIRED) must meet the policy too.
 * - A wrong password at sign-in is NotAuthorizedException (cognito-local says InvalidPasswordException).
 */

type Req = Record<string, any>;
type Handler = (ctx: unknown, req: Req) => Promise<Req>;
type Router = (target: string) => Handler;

interface User {
  Username: string;
  Password?: string;
  UserStatus?: string;
  RefreshTokens?: string[];
  ConfirmationCode?: string;
  Attributes?: { Name: string; Value?: string }[];
  [key: string]: unknown;
}
interface Pool {
  getUserByUsername(ctx: unknown, username: string): Promise<User | null>;
  saveUser(ctx: unknown, user: User): Promise<void>;
}
interface Services {
  cognito: {
    getUserPool(ctx: unknown, poolId: string): Promise<Pool>;
    getUserPoolForClientId(ctx: unknown, clientId: string): Promise<Pool>;
  };
}
interface Errors {
  NotAuthorizedError: new (message?: string) => Error;
  UserNotFoundError: new (message?: string) => Error;
  CodeMismatchError: new () => Error;
  ExpiredCodeError: new () => Error;
  InvalidPasswordError: new () => Error;
  InvalidParameterError: new (message?: string) => Error;
}

const CODE_TTL_MS = 60 * 60_000;
const CODE_ATTEMPTS = 5;

/** Cognito's own wording for each rule it finds broken. */
export function passwordProblem(password: unknown): string | null {
  const p = typeof password === 'string' ? password : '';
  if (p.length < passwordPolicy.minLength) return 'Password not long enough';
  if (passwordPolicy.requireLowercase && !/[a-z]/.test(p)) return 'Password must have lowercase characters';
  if (passwordPolicy.requireUppercase && !/[A-Z]/.test(p)) return 'Password must have uppercase characters';
  if (passwordPolicy.requireDigits && !/[0-9]/.test(p)) return 'Password must have numeric characters';
  if (passwordPolicy.requireSymbols && !/[^A-Za-z0-9\s]/.test(p)) return 'Password must have symbol characters';
  return null;
}

/** Fills the code into the pool's code email, for the local mailbox. */
export const codeEmailFor = (code: string) => ({
  subject: codeEmail.subject,
  text: codeEmail.body.replace('{####}', code),
});

export function cognitoAccounts(router: Router, services: Services, errors: Errors): Router {
  const invalidPassword = (problem: string) =>
    Object.assign(new errors.InvalidPasswordError(), { message: `Password does not conform to policy: ${problem}` });
  const checkPolicy = (password: unknown) => {
    const problem = passwordProblem(password);
    if (problem) throw invalidPassword(problem);
  };

  /** The user an access token names; refuses an ID token or an expired one (the signature is cognito-local's to check). */
  const accessTokenUser = async (ctx: unknown, token: unknown) => {
    let claims: Req;
    try {
      claims = JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8')) as Req;
    } catch {
      throw new errors.NotAuthorizedError('Invalid Access Token');
    }
    if (claims.token_use !== 'access') throw new errors.NotAuthorizedError('Invalid Access Token');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) {
      throw new errors.NotAuthorizedError('Access Token has expired');
    }
    const pool = await services.cognito.getUserPoolForClientId(ctx, String(claims.client_id));
    const user = await pool.getUserByUsername(ctx, String(claims.sub));
    if (!user) throw new errors.NotAuthorizedError('Access Token has been revoked');
    return { pool, user };
  };

  const revokeAll = async (ctx: unknown, pool: Pool, user: User) => {
    await pool.saveUser(ctx, { ...user, RefreshTokens: [] });
    return {};
  };

  const globalSignOut: Handler = async (ctx, req) => {
    const { pool, user } = await accessTokenUser(ctx, req.AccessToken);
    return revokeAll(ctx, pool, user);
  };

  const adminGlobalSignOut: Handler = async (ctx, req) => {
    const pool = await services.cognito.getUserPool(ctx, String(req.UserPoolId));
    const user = await pool.getUserByUsername(ctx, String(req.Username));
    if (!user) throw new errors.UserNotFoundError('User does not exist.');
    return revokeAll(ctx, pool, user);
  };

  const forgotPassword: Handler = async (ctx, req) => {
    const pool = await services.cognito.getUserPoolForClientId(ctx, String(req.ClientId));
    const user = await pool.getUserByUsername(ctx, String(req.Username ?? ''));
    if (!user) {
      // preventUserExistenceErrors: the same answer as for a real account, and no email.
      return { CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@e***' } };
    }
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      throw new errors.NotAuthorizedError('User password cannot be reset in the current state.');
    }
    const res = await router('ForgotPassword')(ctx, req);
    const saved = await pool.getUserByUsername(ctx, user.Username);
    if (saved) await pool.saveUser(ctx, { ...saved, CodeExpires: Date.now() + CODE_TTL_MS, CodeAttempts: 0 });
    return res;
  };

  const confirmForgotPassword: Handler = async (ctx, req) => {
    const pool = await services.cognito.getUserPoolForClientId(ctx, String(req.ClientId));
    const user = await pool.getUserByUsername(ctx, String(req.Username ?? ''));
    if (!user?.ConfirmationCode) throw new errors.CodeMismatchError();
    if (typeof user.CodeExpires === 'number' && user.CodeExpires < Date.now()) throw new errors.ExpiredCodeError();
    if (user.ConfirmationCode !== req.ConfirmationCode) {
      const attempts = Number(user.CodeAttempts ?? 0) + 1;
      const spent = attempts >= CODE_ATTEMPTS;
      await pool.saveUser(ctx, { ...user, CodeAttempts: attempts, ...(spent ? { ConfirmationCode: undefined } : {}) });
      throw spent ? new errors.ExpiredCodeError() : new errors.CodeMismatchError();
    }
    checkPolicy(req.Password);
    const res = await router('ConfirmForgotPassword')(ctx, req);
    const saved = await pool.getUserByUsername(ctx, user.Username);
    if (saved) await pool.saveUser(ctx, { ...saved, CodeExpires: undefined, CodeAttempts: undefined });
    return res;
  };

  const changePassword: Handler = async (ctx, req) => {
    const { pool, user } = await accessTokenUser(ctx, req.AccessToken);
    if (req.PreviousPassword !== user.Password) throw new errors.NotAuthorizedError('Incorrect username or password.');
    checkPolicy(req.ProposedPassword);
    await pool.saveUser(ctx, { ...user, Password: String(req.ProposedPassword) });
    return {};
  };

  const respondToAuthChallenge: Handler = async (ctx, req) => {
    if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED') checkPolicy(req.ChallengeResponses?.NEW_PASSWORD);
    return router('RespondToAuthChallenge')(ctx, req);
  };

  const initiateAuth: Handler = async (ctx, req) => {
    try {
      return await router('InitiateAuth')(ctx, req);
    } catch (error) {
      if ((error as { code?: string }).code === 'InvalidPasswordException') {
        throw new errors.NotAuthorizedError('Incorrect username or password.');
      }
      throw error;
    }
  };

  const overrides: Record<string, Handler> = {
    InitiateAuth: initiateAuth,
    GlobalSignOut: globalSignOut,
    AdminUserGlobalSignOut: adminGlobalSignOut,
    ForgotPassword: forgotPassword,
    ConfirmForgotPassword: confirmForgotPassword,
    ChangePassword: changePassword,
    RespondToAuthChallenge: respondToAuthChallenge,
  };
  return (target) => overrides[target] ?? router(target);
}

/**
 * cognito-local's message sender, delivering to the local SES mailbox instead of its console: the
 * password-reset email arrives where invitations do, with the cloud pool's subject and wording.
 */
export class MailboxSender {
  constructor(private readonly send: (to: string, subject: string, text: string) => Promise<void>) {}

  async sendEmail(_ctx: unknown, _user: unknown, destination: string, message: { __code: string }) {
    const { subject, text } = codeEmailFor(message.__code);
    await this.send(destination, subject, text);
  }

  async sendSms() {
    // The pools send no SMS (TOTP only).
  }
}
