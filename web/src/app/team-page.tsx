import { useRef, useState } from 'react';
import { ApiError, errorMessage, newIdempotencyKey, type ApiClient } from '../shared/api';
import {
  EMAIL_PATTERN,
  byPrefix,
  reloadLatest,
  requiredTextError,
  useSaveForm,
  type FieldErrors,
} from '../shared/forms';
import { formatDate } from '../shared/format';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { ROLE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { ROLES, type Page, type Role, type User } from '../shared/types';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Dialog,
  ErrorState,
  FormDialogActions,
  PageHeading,
  SelectField,
  Skeleton,
  TextField,
  useToast,
} from '../shared/ui';
import { useWorkspace } from './workspace';

const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including billing and the team',
  admin: 'Everything, including managing the team',
  sales: 'Works with companies and contacts',
  viewer: 'Can look but not change anything',
};
const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function InviteForm({ onInvited, onCancel }: { onInvited: (user: User) => void; onCancel: () => void }) {
  const api = useApi();
  const key = useRef(newIdempotencyKey());
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('sales');
  const { form, errors, clearError, general, saving, submit } = useSaveForm({
    validate: () => {
      const found: FieldErrors = {};
      if (!name.trim()) found.name = 'Enter their name';
      if (!email.trim()) found.email = 'Enter their email address';
      else if (!EMAIL_PATTERN.test(email.trim())) found.email = 'Enter an email address like name@example.com';
      return found;
    },
    send: async () => {
      const user = await api.post<User>(
        '/v1/users',
        { email: email.trim(), name: name.trim(), role },
        { idempotencyKey: key.current },
      );
      onInvited(user);
    },
    fieldFor: byPrefix(['email', 'name', 'role']),
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <p className="muted">They get an email with a temporary password and choose their own when they first sign in.</p>
      {general && <Alert tone="error">{general}</Alert>}
      <TextField
        label="Name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          clearError('name');
        }}
        error={errors.name}
        autoComplete="off"
        aria-required="true"
        maxLength={100}
      />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          clearError('email');
        }}
        error={errors.email}
        autoComplete="off"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        aria-required="true"
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={errors.role}
        options={roleOptions}
        hint={ROLE_HINTS[role]}
      />
      <FormDialogActions submitLabel="Send invitation" saving={saving} onCancel={onCancel} />
    </form>
  );
}

/** Every user of the tenant, sorted by name (all pages). */
async function loadUsers(api: ApiClient, signal?: AbortSignal): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<User>>('/v1/users', { query: { limit: 100, cursor }, signal });
    users.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return users.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Renames a user (`PATCH /v1/users/{id}` with the version it was read at). When someone else
 * changed them meanwhile (409), it loads the latest version, shows it, and says so.
 */
function RenameForm({
  user,
  onRenamed,
  onCancel,
  fetchLatest,
}: {
  user: User;
  onRenamed: (user: User) => void;
  onCancel: () => void;
  /** The user as stored now (undefined when they were removed); also refreshes the list. */
  fetchLatest: () => Promise<User | undefined>;
}) {
  const api = useApi();
  const toast = useToast();
  const [base, setBase] = useState(user);
  const [name, setName] = useState(user.name);
  const { form, errors, clearError, general, conflict, saving, submit } = useSaveForm({
    validate: (): FieldErrors => {
      const nameError = requiredTextError(name, 100, 'Enter their name');
      return nameError ? { name: nameError } : {};
    },
    send: async () => {
      const trimmed = name.trim();
      if (trimmed === base.name) {
        toast('No changes to save', 'info');
        onCancel();
        return;
      }
      const updated = await api.patch<User>(
        `/v1/users/${encodeURIComponent(base.userId)}`,
        { name: trimmed, version: base.version },
        { version: base.version },
      );
      onRenamed(updated);
    },
    fieldFor: byPrefix(['name']),
    onConflict: () =>
      reloadLatest(
        fetchLatest,
        (latest) => {
          setBase(latest);
          setName(latest.name);
          return `Someone else changed ${base.name} while you were editing. The latest details are loaded now: their name is “${latest.name}”. Make your change again and save.`;
        },
        {
          gone: `${base.name} is no longer in your team.`,
          failed: (reason) =>
            `Someone else changed ${base.name} while you were editing, and the latest version could not be loaded: ${reason}`,
        },
      ),
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {conflict && (
        <Alert tone="warning" title="This person was changed by someone else">
          {conflict}
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      <TextField
        label="Name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          clearError('name');
        }}
        error={errors.name}
        hint={`Shown to everyone in the workspace. Their email (${base.email}) stays the same.`}
        autoComplete="off"
        aria-required="true"
        maxLength={100}
      />
      <FormDialogActions submitLabel="Save name" saving={saving} onCancel={onCancel} />
    </form>
  );
}

function RoleSelect({ user, disabled, onChanged }: { user: User; disabled: boolean; onChanged: (u: User) => void }) {
  const api = useApi();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const change = async (role: Role) => {
    setSaving(true);
    try {
      const updated = await api.patch<User>(
        `/v1/users/${encodeURIComponent(user.userId)}`,
        { role },
        { version: user.version },
      );
      onChanged(updated);
      toast(`${user.name}’s role is now ${ROLE_LABELS[role]}`);
    } catch (error) {
      toast(
        error instanceof ApiError && error.isConflict
          ? `${user.name} was changed by someone else. Reload the page and try again.`
          : errorMessage(error),
        'error',
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <label className="sr-only" htmlFor={`role-${user.userId}`}>
        Role of {user.name}
      </label>
      <select
        id={`role-${user.userId}`}
        className="input select"
        style={{ width: 'auto', minWidth: 120 }}
        value={user.role}
        disabled={disabled || saving}
        onChange={(e) => change(e.target.value as Role)}
      >
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {saving && (
        <span role="status" className="row">
          <span className="spinner spinner-sm" aria-hidden="true" />
          <span className="sr-only">Saving role…</span>
        </span>
      )}
    </span>
  );
}

/** `/team`: the tenant's people; owners and admins invite, change roles and remove. */
export function TeamPage() {
  useDocumentTitle('Team');
  const api = useApi();
  const toast = useToast();
  const { me, canManageUsers, reloadUsers, reloadMe } = useWorkspace();
  const list = useResource((signal) => loadUsers(api, signal), [api]);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const [removeState, setRemoveState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [renaming, setRenaming] = useState<User | null>(null);
  const [resending, setResending] = useState<{ user: User; key: string } | null>(null);
  const [resendState, setResendState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const replace = (user: User) => {
    list.setData((users = []) =>
      users.map((u) => (u.userId === user.userId ? user : u)).sort((a, b) => a.name.localeCompare(b.name)),
    );
    reloadUsers();
  };

  /** Reloads the team; returns the user as stored now (undefined when removed). */
  const fetchLatest = async (userId: string): Promise<User | undefined> => {
    const users = await loadUsers(api);
    list.setData(users);
    reloadUsers();
    return users.find((u) => u.userId === userId);
  };

  const renamed = (user: User) => {
    replace(user);
    if (user.userId === me.userId) reloadMe();
    setRenaming(null);
    toast(`The name is now ${user.name}`);
  };

  const closeResend = () => {
    setResending(null);
    setResendState({ busy: false, error: null });
  };

  const resend = async () => {
    if (!resending) return;
    const { user, key } = resending;
    setResendState({ busy: true, error: null });
    try {
      const updated = await api.post<User>(`/v1/users/${encodeURIComponent(user.userId)}/invitation`, undefined, {
        idempotencyKey: key,
      });
      replace(updated);
      closeResend();
      toast(`A new invitation was sent to ${user.email}`);
    } catch (error) {
      setResendState({ busy: false, error: errorMessage(error) });
      // 422: they signed in meanwhile; 404: they were removed. Either way the list is out of date.
      if (error instanceof ApiError && (error.status === 422 || error.status === 404)) {
        fetchLatest(user.userId).catch(() => undefined);
      }
    }
  };

  const remove = async () => {
    if (!removing) return;
    setRemoveState({ busy: true, error: null });
    try {
      await api.delete(`/v1/users/${encodeURIComponent(removing.userId)}`);
      list.setData((users = []) => users.filter((u) => u.userId !== removing.userId));
      reloadUsers();
      toast(`${removing.name} was removed`);
      setRemoving(null);
      setRemoveState({ busy: false, error: null });
    } catch (error) {
      setRemoveState({ busy: false, error: errorMessage(error) });
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Team</PageHeading>
          <p className="page-sub">
            {canManageUsers
              ? 'Invite people to your workspace and choose what they can do.'
              : 'The people in your workspace.'}
          </p>
        </div>
        {canManageUsers && (
          <Button variant="primary" onClick={() => setInviting(true)} icon={<span aria-hidden="true">+</span>}>
            Invite user
          </Button>
        )}
      </div>

      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="The team could not be loaded" error={list.error} onRetry={list.reload} />
        </div>
      ) : (
        <div className="table-wrap" aria-busy={!list.data}>
          <table className="data-table responsive" role="table">
            <caption className="sr-only">Team members</caption>
            <thead>
              <tr>
                <th scope="col">Name and email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                {canManageUsers && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {!list.data
                ? Array.from({ length: 3 }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      <td role="cell">
                        <span className="person">
                          <Skeleton width="140px" />
                          <Skeleton width="200px" />
                        </span>
                      </td>
                      <td role="cell">
                        <Skeleton width="90px" />
                      </td>
                      <td role="cell">
                        <Skeleton width="60px" />
                      </td>
                      <td role="cell">
                        <Skeleton width="80px" />
                      </td>
                      {canManageUsers && <td role="cell" />}
                    </tr>
                  ))
                : list.data.map((u) => {
                    const self = u.userId === me.userId;
                    return (
                      <tr key={u.userId} role="row">
                        <td className="cell-primary" role="cell">
                          <span className="person">
                            <span>
                              <strong>{u.name}</strong>
                              {self && (
                                <Badge tone="accent" className="badge-inline">
                                  You
                                </Badge>
                              )}
                            </span>
                            <a href={`mailto:${u.email}`} className="person-email break">
                              {u.email}
                            </a>
                          </span>
                        </td>
                        <td role="cell">
                          <span className="cell-label" aria-hidden="true">
                            Role
                          </span>
                          {canManageUsers && !self ? (
                            <RoleSelect user={u} disabled={false} onChanged={replace} />
                          ) : (
                            ROLE_LABELS[u.role]
                          )}
                        </td>
                        <td role="cell">
                          <span className="cell-label" aria-hidden="true">
                            Status
                          </span>
                          <Badge tone={u.status === 'active' ? 'success' : 'warning'}>
                            {u.status === 'active' ? 'Active' : 'Invited'}
                          </Badge>
                        </td>
                        <td role="cell" className="cell-muted cell-nowrap">
                          <span className="cell-label" aria-hidden="true">
                            Joined
                          </span>
                          {formatDate(u.createdAt)}
                        </td>
                        {canManageUsers && (
                          <td role="cell" className="cell-actions">
                            <Button size="sm" variant="ghost" onClick={() => setRenaming(u)}>
                              Rename<span className="sr-only"> {u.name}</span>
                            </Button>
                            {!self && u.status === 'invited' && (
                              <Button
                                size="sm"
                                variant="ghost"
                                onClick={() => setResending({ user: u, key: newIdempotencyKey() })}
                              >
                                Resend invitation<span className="sr-only"> to {u.name}</span>
                              </Button>
                            )}
                            {!self && (
                              <Button
                                size="sm"
                                variant="ghost"
                                className="btn-danger-text"
                                onClick={() => setRemoving(u)}
                              >
                                Remove<span className="sr-only"> {u.name}</span>
                              </Button>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
            </tbody>
          </table>
          {!list.data && (
            <span className="sr-only" role="status">
              Loading team…
            </span>
          )}
        </div>
      )}

      <Dialog open={inviting} onClose={() => setInviting(false)} title="Invite a teammate" size="sm">
        {inviting && (
          <InviteForm
            onCancel={() => setInviting(false)}
            onInvited={(user) => {
              list.setData((users = []) => [...users, user].sort((a, b) => a.name.localeCompare(b.name)));
              reloadUsers();
              setInviting(false);
              toast(`Invitation sent to ${user.email}`);
            }}
          />
        )}
      </Dialog>

      <Dialog
        open={renaming !== null}
        onClose={() => setRenaming(null)}
        title={renaming ? `Rename ${renaming.name}` : 'Rename'}
        size="sm"
      >
        {renaming && (
          <RenameForm
            user={renaming}
            onRenamed={renamed}
            onCancel={() => setRenaming(null)}
            fetchLatest={() => fetchLatest(renaming.userId)}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={resending !== null}
        title="Send the invitation again?"
        confirmLabel="Resend invitation"
        tone="primary"
        busy={resendState.busy}
        error={resendState.error}
        onConfirm={resend}
        onCancel={closeResend}
      >
        <p>
          <strong>{resending?.user.name}</strong> gets a new email at{' '}
          <span className="break">{resending?.user.email}</span> with a new temporary password. The password from the
          earlier invitation stops working.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={removing !== null}
        title="Remove this person?"
        confirmLabel="Remove user"
        busy={removeState.busy}
        error={removeState.error}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(null);
          setRemoveState({ busy: false, error: null });
        }}
      >
        <p>
          <strong>{removing?.name}</strong> ({removing?.email}) will no longer be able to sign in to {me.tenant.name}.
          Companies they own stay in the workspace.
        </p>
      </ConfirmDialog>
    </>
  );
}
