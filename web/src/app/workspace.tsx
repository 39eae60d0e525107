import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useResource } from '../shared/hooks';
import { useServices } from '../shared/services';
import type { Me, Page, User } from '../shared/types';
import { Alert, Button, Loading } from '../shared/ui';

export interface Workspace {
  me: Me;
  /** Everyone in the tenant (for owner pickers and names); empty until loaded. */
  users: User[];
  reloadUsers: () => void;
  /** Loads /v1/me again (after the signed-in user's own name changed); keeps showing the current one meanwhile. */
  reloadMe: () => void;
  userName: (userId: string | null | undefined) => string | undefined;
  canWrite: boolean;
  canManageUsers: boolean;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/** The signed-in user, their tenant and role, and the tenant's people. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}

async function loadAllUsers(
  get: <T>(path: string, o: { query: Record<string, string | number | undefined>; signal: AbortSignal }) => Promise<T>,
  signal: AbortSignal,
) {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<User>>('/v1/users', { query: { limit: 100, cursor }, signal });
    users.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return users.sort((a, b) => a.name.localeCompare(b.name));
}

/** Loads /v1/me (and the team) once after sign-in; shows a full-page state until it has them. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { api, auth } = useServices();
  const me = useResource((signal) => api.get<Me>('/v1/me', { signal }), [api]);
  const [users, setUsers] = useState<User[]>([]);
  const [usersNonce, setUsersNonce] = useState(0);

  const signedInAs = me.data?.userId;
  useEffect(() => {
    if (!signedInAs) return;
    const controller = new AbortController();
    loadAllUsers(api.get.bind(api), controller.signal).then(setUsers, () => undefined);
    return () => controller.abort();
  }, [api, usersNonce, signedInAs]);

  const reloadUsers = useCallback(() => setUsersNonce((n) => n + 1), []);
  const value = useMemo<Workspace | null>(() => {
    if (!me.data) return null;
    const byId = new Map(users.map((u) => [u.userId, u.name]));
    const role = me.data.role;
    return {
      me: me.data,
      users,
      reloadUsers,
      reloadMe: me.reload,
      userName: (id) => (id ? byId.get(id) : undefined),
      canWrite: role !== 'viewer',
      canManageUsers: role === 'owner' || role === 'admin',
    };
  }, [me.data, me.reload, users, reloadUsers]);

  if (!value) {
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
                <Button variant="primary" onClick={me.reload}>
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
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
