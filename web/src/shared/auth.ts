/**
 * One SPA's sign-in: Cognito's own JSON API (no SDK) for the sign-in steps and REFRESH_TOKEN_AUTH,
 * the tokens in a TokenStore shared by the SPA's tabs, and id tokens refreshed before they expire.
 */
import { CognitoSignIn, type AuthResponse, type AuthResult } from './auth-sign-in';
import { AuthError, callCognito, decodeJwt, sessionEnded, type CognitoSettings } from './cognito';
import { TokenStore, type Persistence, type SignOutReason, type TabEvent, type Tokens } from './token-store';

export { AuthError, decodeJwt, type CognitoSettings } from './cognito';
export type { SignInResult } from './auth-sign-in';
export type { SignOutReason, Tokens } from './token-store';

/** The otpauth:// URI authenticator apps read from the QR code. */
export const otpauthUri = (issuer: string, email: string, secret: string): string =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${email}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;

/** Password policy of both pools (lib/manifest.ts passwordPolicy): 12+ characters with upper, lower, digit and symbol. */
export const PASSWORD_RULES: { label: string; test: (p: string) => boolean }[] = [
  { label: 'At least 12 characters', test: (p) => p.length >= 12 },
  { label: 'An upper-case letter', test: (p) => /[A-Z]/.test(p) },
  { label: 'A lower-case letter', test: (p) => /[a-z]/.test(p) },
  { label: 'A digit', test: (p) => /[0-9]/.test(p) },
  { label: 'A symbol, such as ! ? - or #', test: (p) => /[^A-Za-z0-9\s]/.test(p) },
];

/** Refresh this long before the id token expires, so no request ever waits on an expired one. */
const REFRESH_AHEAD_MS = 5 * 60_000;
/** After a refresh that failed for want of a network, try again this soon. */
const RETRY_MS = 30_000;

function expiryOf(idToken: string, expiresIn?: number): number {
  const exp = decodeJwt(idToken).exp;
  if (typeof exp === 'number') return exp * 1000;
  return Date.now() + (expiresIn ?? 3600) * 1000;
}

/** One SPA's sign-in state, observable with `useSyncExternalStore(subscribe, getTokens)`. */
export class AuthSession extends CognitoSignIn {
  private tokens: Tokens | null;
  private readonly listeners = new Set<() => void>();
  private readonly saved: TokenStore;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Why the session last ended; null when it never started (or started again). */
  signOutReason: SignOutReason | null = null;

  constructor(settings: CognitoSettings, storageKey: string, persistence: Persistence = 'local') {
    super(settings);
    this.saved = new TokenStore(storageKey, persistence);
    this.tokens = this.saved.read();
    this.saved.watch(this.onOtherTab);
    if (typeof document !== 'undefined') {
      // Timers sleep in background tabs and laptops; a tab coming back checks its token at once.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') this.schedule();
      });
    }
    this.schedule();
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

  /** Another tab signed in, refreshed or signed out: this tab follows. */
  private onOtherTab = (event: TabEvent) => {
    if (event.kind === 'tokens') {
      if (event.tokens.idToken === this.tokens?.idToken) return;
      this.tokens = event.tokens;
      this.signOutReason = null;
      this.schedule();
    } else {
      if (!this.tokens) return;
      this.tokens = null;
      this.signOutReason = event.reason;
      clearTimeout(this.timer);
    }
    this.emit();
  };

  /** Wakes up REFRESH_AHEAD_MS before the id token expires (or at once when that has passed) to refresh it. */
  private schedule(delay?: number) {
    clearTimeout(this.timer);
    if (!this.tokens || typeof window === 'undefined') return;
    const due = delay ?? Math.max(0, this.tokens.expiresAt - REFRESH_AHEAD_MS - Date.now());
    this.timer = setTimeout(() => {
      void this.refresh().then((ok) => {
        if (!ok && this.tokens) this.schedule(RETRY_MS);
      });
    }, due);
  }

  /** An access token valid for at least another 30 s (it expires with the id token). */
  protected async accessToken(): Promise<string> {
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

  /**
   * Swaps the refresh token for a new id token. Concurrent callers share one request, and tabs
   * take turns: a tab that finds a fresher token another tab just stored uses it instead. A
   * refresh token Cognito refuses (revoked by "sign out of all devices", or expired) ends the
   * session in every tab.
   */
  refresh(): Promise<boolean> {
    if (!this.tokens) return Promise.resolve(false);
    const stale = this.tokens.idToken;
    this.refreshing ??= this.saved
      .exclusive('refresh', async () => {
        const stored = this.saved.read();
        if (stored && stored.idToken !== stale && stored.expiresAt - Date.now() > REFRESH_AHEAD_MS) {
          this.onOtherTab({ kind: 'tokens', tokens: stored });
          return true;
        }
        if (!this.tokens) return false;
        const refreshToken = this.tokens.refreshToken;
        try {
          const res = await callCognito<AuthResponse>(this.settings, 'Refresh', {
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: this.settings.clientId,
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          });
          if (!res.AuthenticationResult) return false;
          this.store({ RefreshToken: refreshToken, ...res.AuthenticationResult });
          return true;
        } catch (error) {
          if (sessionEnded(error) && this.tokens?.refreshToken === refreshToken) this.signOut('expired');
          return false;
        }
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /**
   * Ends the session in this tab and every other. Signing out revokes this refresh token so a copy
   * of it cannot mint new tokens, and never waits on that; after "sign out of all devices" the API
   * has already revoked them all.
   */
  signOut(reason: SignOutReason = 'user'): void {
    const refreshToken = this.tokens?.refreshToken;
    if (reason === 'user' && refreshToken) {
      void callCognito(this.settings, 'RevokeToken', { ClientId: this.settings.clientId, Token: refreshToken }).catch(
        () => undefined,
      );
    }
    clearTimeout(this.timer);
    this.signOutReason = reason;
    this.tokens = null;
    this.saved.clear(reason);
    this.emit();
  }

  protected store(result: AuthResult) {
    this.tokens = {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken ?? this.tokens?.refreshToken ?? '',
      expiresAt: expiryOf(result.IdToken, result.ExpiresIn),
    };
    this.signOutReason = null;
    this.saved.write(this.tokens);
    this.schedule();
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
