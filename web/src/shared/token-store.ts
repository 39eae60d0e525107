/**
 * Where a SPA keeps its tokens, and how its tabs hear of each other's sign-in, refresh and sign-out.
 *
 * The tenant app keeps them in localStorage, so every tab and every reload is signed in until the
 * user signs out. sessionStorage with a BroadcastChannel handoff to new tabs was the alternative:
 * it protects nothing more (script injected into the page can read sessionStorage, or ask the
 * channel, as easily), it races when a tab opens while no other answers, and it loses the session
 * when the last tab closes — exactly the "every new tab asks to sign in" this replaces. The admin
 * console keeps sessionStorage (one tab, one session): platform admins sign in on shared
 * machines more often, and sign in with TOTP each time anyway.
 *
 * Other tabs learn of changes from `storage` events, which fire in every tab but the writer: new
 * tokens (a sign-in or a refresh) are adopted, and a sign-out record ends the session there too,
 * with its reason.
 */

export interface Tokens {
  idToken: string;
  /** For the user's own Cognito calls (TOTP setup, password change); absent in sessions stored before it was kept. */
  accessToken?: string;
  refreshToken: string;
  /** Epoch milliseconds at which the id token expires. */
  expiresAt: number;
}

/** Why a session ended: this user signed out, it expired or was revoked, or they signed out of all devices. */
export type SignOutReason = 'user' | 'expired' | 'everywhere';

export type Persistence = 'local' | 'session';

/** What another tab did: new tokens, or a sign-out with its reason. */
export type TabEvent = { kind: 'tokens'; tokens: Tokens } | { kind: 'signedOut'; reason: SignOutReason };

const parseTokens = (raw: string | null): Tokens | null => {
  try {
    const parsed = raw ? (JSON.parse(raw) as Tokens) : null;
    return parsed?.idToken && parsed.refreshToken ? parsed : null;
  } catch {
    return null;
  }
};

export class TokenStore {
  private readonly endedKey: string;

  constructor(
    private readonly key: string,
    private readonly persistence: Persistence,
  ) {
    this.endedKey = `${key}.ended`;
  }

  private storage(): Storage | null {
    try {
      return this.persistence === 'local' ? localStorage : sessionStorage;
    } catch {
      return null;
    }
  }

  /** The stored tokens; a session kept in sessionStorage before the app persisted it is moved over. */
  read(): Tokens | null {
    const storage = this.storage();
    const tokens = parseTokens(storage?.getItem(this.key) ?? null);
    if (tokens || this.persistence !== 'local') return tokens;
    try {
      const earlier = parseTokens(sessionStorage.getItem(this.key));
      sessionStorage.removeItem(this.key);
      if (earlier) this.write(earlier);
      return earlier;
    } catch {
      return null;
    }
  }

  write(tokens: Tokens): void {
    try {
      this.storage()?.setItem(this.key, JSON.stringify(tokens));
    } catch {
      /* private mode or full: the session lasts as long as the page */
    }
  }

  /** Forgets the tokens and tells the other tabs why (the record changes each time, so the event always fires). */
  clear(reason: SignOutReason): void {
    const storage = this.storage();
    try {
      storage?.removeItem(this.key);
      if (this.persistence === 'local') storage?.setItem(this.endedKey, JSON.stringify({ reason, at: Date.now() }));
    } catch {
      /* storage unavailable: nothing to clear */
    }
  }

  /** Calls `listener` when another tab signs in, refreshes or signs out; returns the unsubscribe. */
  watch(listener: (event: TabEvent) => void): () => void {
    if (this.persistence !== 'local' || typeof window === 'undefined') return () => undefined;
    const onStorage = (event: StorageEvent) => {
      if (event.storageArea !== localStorage) return;
      if (event.key === this.key && event.newValue) {
        const tokens = parseTokens(event.newValue);
        if (tokens) listener({ kind: 'tokens', tokens });
      } else if (event.key === this.endedKey && event.newValue) {
        const reason = (JSON.parse(event.newValue) as { reason?: SignOutReason }).reason ?? 'user';
        listener({ kind: 'signedOut', reason });
      } else if (event.key === null) {
        // Storage cleared (site data removed): the session is gone everywhere.
        listener({ kind: 'signedOut', reason: 'expired' });
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }

  /**
   * Runs `fn` while no other tab of this origin runs it (Web Locks), so tabs that wake at once
   * refresh once between them; without Web Locks each tab just refreshes for itself.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks || this.persistence !== 'local') return fn();
    return locks.request(`${this.key}.${name}`, fn) as Promise<T>;
  }
}
