import { randomUUID } from 'node:crypto';

/**
 * Where cognito-local 5.3.0's sign-in differs from Cognito's in ways the product relies on, the
 * local twin answers as Cognito does:
 *
 * - InitiateAuth checks a temporary password before answering NEW_PASSWORD_REQUIRED (cognito-local
 *   answers first, so any password would open a pending invitation).
 * - A pool with MFA `ON` asks a user without TOTP for MFA_SETUP (cognito-local refuses them), and
 *   AssociateSoftwareToken / VerifySoftwareToken take that challenge's Session (cognito-local takes
 *   only an access token). A new password in such a pool leads to MFA_SETUP too.
 * - Challenge sessions are real: issued by a challenge, for one user and client, single use on
 *   success and valid for 3 minutes (cognito-local accepts any non-empty Session).
 * - Tokens issued by RespondToAuthChallenge get a refresh token the pool remembers (cognito-local
 *   stores it only for password sign-in), so REFRESH_TOKEN_AUTH and RevokeToken work after MFA.
 * - AssociateSoftwareToken, VerifySoftwareToken and SetUserMFAPreference with an AccessToken refuse
 *   an ID token or an expired one (cognito-local only decodes it; its signature is still not
 *   checked). VerifySoftwareToken marks the token verified but, outside an MFA `ON` pool, does not
 *   turn TOTP on: as in Cognito, SetUserMFAPreference does (cognito-local turns it on at once).
 */

type Req = Record<string, any>;
type Handler = (ctx: unknown, req: Req) => Promise<Req>;
type Router = (target: string) => Handler;

interface CognitoLocal {
  cognito: {
    getAppClient(ctx: unknown, clientId: string): Promise<{ UserPoolId: string; ClientId: string } | null>;
    getUserPool(ctx: unknown, poolId: string): Promise<Pool>;
  };
  tokenGenerator: { generate(...args: unknown[]): Promise<{ RefreshToken: string } & Req> };
}
interface Pool {
  options: { MfaConfiguration?: string };
  getUserByUsername(ctx: unknown, username: string): Promise<User | null>;
  saveUser(ctx: unknown, user: User): Promise<void>;
  storeRefreshToken(ctx: unknown, token: string, user: User): Promise<void>;
  listUserGroupMembership(ctx: unknown, user: User): Promise<string[]>;
}
interface User {
  Username: string;
  Password?: string;
  UserStatus?: string;
  UserMFASettingList?: string[];
  SoftwareTokenMfaConfiguration?: { Secret: string; Verified: boolean; FriendlyDeviceName?: string };
  [key: string]: unknown;
}
interface Errors {
  NotAuthorizedError: new (message?: string) => Error;
  InvalidParameterError: new (message?: string) => Error;
  CodeMismatchError: new () => Error;
}
interface Totp {
  generateSecret(): string;
  verify(secret: string, code: string): boolean;
}

interface Session {
  clientId: string;
  username: string;
  challenge: string;
  expires: number;
  /** MFA_SETUP only: VerifySoftwareToken accepted a code in this session. */
  verified?: boolean;
}

const SESSION_TTL_MS = 3 * 60_000;

const hasTotp = (user: User) =>
  !!user.SoftwareTokenMfaConfiguration?.Verified && (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');

export function cognitoChallenges(router: Router, services: CognitoLocal, errors: Errors, totp: Totp): Router {
  const sessions = new Map<string, Session>();
  const issue = (session: Omit<Session, 'expires'>): string => {
    const now = Date.now();
    for (const [id, s] of sessions) if (s.expires < now) sessions.delete(id);
    const id = randomUUID();
    sessions.set(id, { ...session, expires: now + SESSION_TTL_MS });
    return id;
  };
  const take = (id: unknown, check: (s: Session) => boolean): [string, Session] => {
    const session = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!session || session.expires < Date.now() || !check(session)) {
      throw new errors.NotAuthorizedError('Invalid session for the user, session is expired.');
    }
    return [id as string, session];
  };
  const poolOf = async (ctx: unknown, clientId: string) => {
    const client = await services.cognito.getAppClient(ctx, clientId);
    if (!client) throw new errors.NotAuthorizedError();
    return { client, pool: await services.cognito.getUserPool(ctx, client.UserPoolId) };
  };
  const userOf = async (ctx: unknown, pool: Pool, username: string) => {
    const user = await pool.getUserByUsername(ctx, username);
    if (!user) throw new errors.NotAuthorizedError();
    return user;
  };
  const mfaSetup = (clientId: string, user: User) => ({
    ChallengeName: 'MFA_SETUP',
    ChallengeParameters: { USER_ID_FOR_SRP: user.Username, MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    Session: issue({ clientId, username: user.Username, challenge: 'MFA_SETUP' }),
  });
  /** Remembers whatever challenge cognito-local answered, so its Session can be checked later. */
  const remember = (clientId: string, username: string, res: Req): Req => {
    if (!res.ChallengeName || !res.Session) return res;
    return { ...res, Session: issue({ clientId, username, challenge: res.ChallengeName }) };
  };
  const keepRefreshToken = async (ctx: unknown, pool: Pool, username: string, res: Req): Promise<Req> => {
    const token = res.AuthenticationResult?.RefreshToken;
    if (token) await pool.storeRefreshToken(ctx, token, await userOf(ctx, pool, username));
    return res;
  };

  const initiateAuth: Handler = async (ctx, req) => {
    if (req.AuthFlow !== 'USER_PASSWORD_AUTH' || !req.AuthParameters) return router('InitiateAuth')(ctx, req);
    const { pool } = await poolOf(ctx, req.ClientId);
    const user = await pool.getUserByUsername(ctx, req.AuthParameters.USERNAME);
    const passwordOk = user?.Password === req.AuthParameters.PASSWORD;
    if (user?.UserStatus === 'FORCE_CHANGE_PASSWORD' && !passwordOk) {
      throw new errors.NotAuthorizedError('Incorrect username or password.');
    }
    if (
      user &&
      passwordOk &&
      user.UserStatus === 'CONFIRMED' &&
      pool.options.MfaConfiguration === 'ON' &&
      !hasTotp(user)
    ) {
      return mfaSetup(req.ClientId, user);
    }
    return remember(req.ClientId, user?.Username ?? '', await router('InitiateAuth')(ctx, req));
  };

  /** The user an access token names, refusing what Cognito refuses: an ID token or an expired one. */
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
    const { pool } = await poolOf(ctx, String(claims.client_id));
    return { pool, user: await userOf(ctx, pool, String(claims.sub)) };
  };

  /** Session-based TOTP setup (the MFA_SETUP challenge); with an access token, cognito-local's own. */
  const associate: Handler = async (ctx, req) => {
    if (req.AccessToken) {
      await accessTokenUser(ctx, req.AccessToken);
      return router('AssociateSoftwareToken')(ctx, req);
    }
    const [id, session] = take(req.Session, (s) => s.challenge === 'MFA_SETUP');
    const { pool } = await poolOf(ctx, session.clientId);
    const user = await userOf(ctx, pool, session.username);
    const secret = totp.generateSecret();
    await pool.saveUser(ctx, { ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: false } });
    sessions.delete(id);
    return { SecretCode: secret, Session: issue({ ...session, verified: false }) };
  };

  /** A signed-in user confirming a new authenticator (setting up TOTP from the app, not at sign-in). */
  const verifyWithAccessToken: Handler = async (ctx, req) => {
    const { pool, user } = await accessTokenUser(ctx, req.AccessToken);
    const secret = user.SoftwareTokenMfaConfiguration?.Secret;
    if (!secret) throw new errors.InvalidParameterError('User has not associated a software token');
    if (typeof req.UserCode !== 'string' || !totp.verify(secret, req.UserCode)) throw new errors.CodeMismatchError();
    const required = pool.options.MfaConfiguration === 'ON';
    const methods = new Set([...(user.UserMFASettingList ?? []), ...(required ? ['SOFTWARE_TOKEN_MFA'] : [])]);
    await pool.saveUser(ctx, {
      ...user,
      SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true, FriendlyDeviceName: req.FriendlyDeviceName },
      UserMFASettingList: [...methods],
    });
    return { Status: 'SUCCESS' };
  };

  const setMfaPreference: Handler = async (ctx, req) => {
    await accessTokenUser(ctx, req.AccessToken);
    return router('SetUserMFAPreference')(ctx, req);
  };

  const verify: Handler = async (ctx, req) => {
    if (req.AccessToken) return verifyWithAccessToken(ctx, req);
    const [id, session] = take(req.Session, (s) => s.challenge === 'MFA_SETUP');
    const { pool } = await poolOf(ctx, session.clientId);
    const user = await userOf(ctx, pool, session.username);
    const secret = user.SoftwareTokenMfaConfiguration?.Secret;
    if (!secret) throw new errors.InvalidParameterError('User has not associated a software token');
    if (typeof req.UserCode !== 'string' || !totp.verify(secret, req.UserCode)) throw new errors.CodeMismatchError();
    const methods = new Set([...(user.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA']);
    await pool.saveUser(ctx, {
      ...user,
      SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true, FriendlyDeviceName: req.FriendlyDeviceName },
      UserMFASettingList: [...methods],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    sessions.delete(id);
    return { Status: 'SUCCESS', Session: issue({ ...session, verified: true }) };
  };

  const respond: Handler = async (ctx, req) => {
    const username = req.ChallengeResponses?.USERNAME;
    const { client, pool } = await poolOf(ctx, req.ClientId);
    // USERNAME may be the email alias; the session holds the user's internal username.
    const named = typeof username === 'string' ? await pool.getUserByUsername(ctx, username) : null;
    const [id, session] = take(
      req.Session,
      (s) => s.clientId === req.ClientId && s.challenge === req.ChallengeName && s.username === named?.Username,
    );
    if (req.ChallengeName === 'MFA_SETUP') {
      if (!session.verified)
        throw new errors.InvalidParameterError('Verify a software token before answering MFA_SETUP');
      const user = await userOf(ctx, pool, username);
      const groups = await pool.listUserGroupMembership(ctx, user);
      const tokens = await services.tokenGenerator.generate(
        ctx,
        user,
        groups,
        client,
        req.ClientMetadata,
        'Authentication',
      );
      await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
      sessions.delete(id);
      return { ChallengeParameters: {}, AuthenticationResult: tokens };
    }
    const res = await router('RespondToAuthChallenge')(ctx, req);
    sessions.delete(id);
    if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED' && pool.options.MfaConfiguration === 'ON') {
      const user = await userOf(ctx, pool, username);
      if (!hasTotp(user)) return mfaSetup(req.ClientId, user);
    }
    return keepRefreshToken(ctx, pool, username, remember(req.ClientId, named?.Username ?? '', res));
  };

  const overrides: Record<string, Handler> = {
    InitiateAuth: initiateAuth,
    AssociateSoftwareToken: associate,
    VerifySoftwareToken: verify,
    SetUserMFAPreference: setMfaPreference,
    RespondToAuthChallenge: respond,
  };
  return (target) => overrides[target] ?? router(target);
}
