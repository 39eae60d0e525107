import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { usersApi, type MeView, type UserView } from '../../../functions/users/contract';
import { ApiError, errorMessage, type ApiClient } from '../shared/api';
import { contractKey, queryKeyOf, useApiQuery } from '../shared/query';
import { useApi, useServices } from '../shared/services';
import { Alert, Button, Loading, PageHeading } from '../shared/ui';
import { isMfaRequired, TotpSetup } from './two-factor';

export interface Workspace {
  me: MeView;
  /** Everyone in the tenant (for owner pickers and names); empty until loaded. */
  users: UserView[];
  userName: (userId: string | null | undefined) => string | undefined;
  canWrite: boolean;
  canManageUsers: boolean;
}

/** GET /v1/me: the signed-in user and their workspace, cached once for every page that asks. */
export const useMe = () => useApiQuery(usersApi.me, {});

export const byName = (a: UserView, b: UserView): number => a.name.localeCompare(b.name);

const TEAM_PAGE_SIZE = 100;

/** The whole team as one cached list; keyed under `users`, so invalidating usersApi refreshes it too. */
const teamQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: [...queryKeyOf(usersApi.list, { query: { limit: TEAM_PAGE_SIZE } }), 'all'],
    queryFn: async ({ signal }) => {
      const users: UserView[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.call(usersApi.list, { query: { limit: TEAM_PAGE_SIZE, cursor }, signal });
        users.push(...page.items);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      return users.sort(byName);
    },
  });

/** Everyone in the tenant, sorted by name (every page of GET /v1/users). */
export function useTeam() {
  return useQuery(teamQuery(useApi()));
}

/**
 * Writes into the cached team: a saved user shows at once, then the users domain (the team and
 * /v1/me) is refetched in the background.
 */
export function useTeamCache() {
  const api = useApi();
  const client = useQueryClient();
  const { queryKey } = teamQuery(api);
  const refresh = () => void client.invalidateQueries({ queryKey: contractKey(usersApi) });
  const update = (change: (users: UserView[]) => UserView[]) => {
    client.setQueryData(queryKey, (users) => users && change(users));
    refresh();
  };
  return {
    put: (user: UserView) => update((users) => [...users.filter((u) => u.userId !== user.userId), user].sort(byName)),
    drop: (userId: string) => update((users) => users.filter((u) => u.userId !== userId)),
    /** Shows `change` on `user` at once (an optimistic update); `put` the saved or the original user after. */
    preview: (user: UserView, change: Partial<UserView>) => {
      void client.cancelQueries({ queryKey });
      client.setQueryData(queryKey, (users) => users?.map((u) => (u.userId === user.userId ? { ...u, ...change } : u)));
    },
    refresh,
    /** The user as stored now, from a fresh load of the team (undefined when they were removed). */
    latest: async (userId: string): Promise<UserView | undefined> =>
      (await client.fetchQuery({ ...teamQuery(api), staleTime: 0 })).find((u) => u.userId === userId),
  };
}

const MeContext = createContext<MeView | null>(null);

/** The signed-in user, their tenant and role, and the tenant's people. */
export function useWorkspace(): Workspace {
  const me = useContext(MeContext);
  if (!me) throw new Error('useWorkspace outside WorkspaceProvider');
  const team = useTeam();
  return useMemo(() => {
    const users = team.data ?? [];
    const byId = new Map(users.map((u) => [u.userId, u.name]));
    return {
      me,
      users,
      userName: (id) => (id ? byId.get(id) : undefined),
      canWrite: me.role !== 'viewer',
      canManageUsers: me.role === 'owner' || me.role === 'admin',
    };
  }, [me, team.data]);
}

/**
 * When any request is refused with mfa-required (the owner has just started requiring it), /v1/me
 * is read again, and the gate below shows the setup instead of half-broken pages.
 */
function useMfaRequiredWatch() {
  const client = useQueryClient();
  useEffect(() => {
    const recheck = (error: unknown) => {
      if (isMfaRequired(error)) void client.invalidateQueries({ queryKey: queryKeyOf(usersApi.me, {}) });
    };
    const queries = client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') recheck(e.action.error);
    });
    const mutations = client.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') recheck(e.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [client]);
}

/** The workspace requires two-factor sign-in and this user has none yet: setting it up is all they can do. */
function MfaRequiredScreen({ me, onSignOut }: { me: MeView; onSignOut: () => void }) {
  return (
    <div className="auth-page">
      <main id="main" className="auth-card stack" data-testid="mfa-required">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            Q
          </span>
          Quoteflow
        </span>
        <PageHeading className="auth-title">Set up two-factor sign-in</PageHeading>
        <Alert tone="info">
          {me.tenant.name} requires a code from an authenticator app at every sign-in. Set it up to continue.
        </Alert>
        <TotpSetup email={me.email} onDone={() => undefined} />
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </main>
    </div>
  );
}

/** Loads /v1/me after sign-in; shows a full-page state until it has it. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { auth } = useServices();
  const me = useMe();
  useMfaRequiredWatch();

  if (!me.data) {
    if (me.error) {
      const forbidden = me.error instanceof ApiError && me.error.status === 403;
      return (
        <div className="auth-page">
          <main id="main" className="auth-card stack">
            <span className="brand">
              <span className="brand-mark" aria-hidden="true">
                Q
              </span>
              Quoteflow
            </span>
            <h1 className="auth-title">
              {forbidden ? 'Your workspace is not available' : 'Your workspace could not be loaded'}
            </h1>
            <Alert tone={forbidden ? 'warning' : 'error'}>{errorMessage(me.error)}</Alert>
            <div className="row">
              {!forbidden && (
                <Button variant="primary" onClick={() => void me.refetch()}>
                  Try again
                </Button>
              )}
              <Button onClick={() => auth.signOut('user')}>Sign out</Button>
            </div>
          </main>
        </div>
      );
    }
    return (
      <main id="main" className="loading-page">
        <Loading label="Loading your workspace…" />
      </main>
    );
  }
  if (me.data.tenant.mfaRequired && !me.data.mfaEnabled) {
    return <MfaRequiredScreen me={me.data} onSignOut={() => auth.signOut('user')} />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
