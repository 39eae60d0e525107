import { useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, newIdempotencyKey } from '../shared/api';
import { EMAIL_PATTERN, byPrefix, mapApiErrors, submitted, useFocusFirstError, withoutError, type FieldErrors } from '../shared/forms';
import { formatDate } from '../shared/format';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { ROLE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { ROLES, type Page, type Role, type User } from '../shared/types';
import { Alert, Badge, Button, ConfirmDialog, Dialog, ErrorState, PageHeading, SelectField, Skeleton, TextField, useToast } from '../shared/ui';
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
  const form = useRef<HTMLFormElement>(null);
  const key = useRef(newIdempotencyKey());
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('sales');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusFirstError(form, errors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Enter their name';
    if (!email.trim()) found.email = 'Enter their email address';
    else if (!EMAIL_PATTERN.test(email.trim())) found.email = 'Enter an email address like name@example.com';
    setErrors(submitted(found));
    setGeneral(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const user = await api.post<User>('/v1/users', { email: email.trim(), name: name.trim(), role }, { idempotencyKey: key.current });
      onInvited(user);
    } catch (error) {
      setSaving(false);
      const mapped = mapApiErrors(error, byPrefix(['email', 'name', 'role']));
      setErrors(submitted(mapped.fields));
      setGeneral(mapped.general);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <p className="muted">They get an email with a temporary password and choose their own when they first sign in.</p>
      {general && <Alert tone="error">{general}</Alert>}
      <TextField label="Name" value={name} onChange={(e) => { setName(e.target.value); setErrors((x) => withoutError(x, 'name')); }} error={errors.name} autoComplete="off" aria-required="true" maxLength={100} />
      <TextField label="Email" type="email" value={email} onChange={(e) => { setEmail(e.target.value); setErrors((x) => withoutError(x, 'email')); }} error={errors.email} autoComplete="off" inputMode="email" autoCapitalize="none" spellCheck={false} aria-required="true" />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors.role} options={roleOptions} hint={ROLE_HINTS[role]} />
      <div className="dialog-actions">
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={saving}>
          Send invitation
        </Button>
      </div>
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
      const updated = await api.patch<User>(`/v1/users/${encodeURIComponent(user.userId)}`, { role }, { version: user.version });
      onChanged(updated);
      toast(`${user.name}’s role is now ${ROLE_LABELS[role]}`);
    } catch (error) {
      toast(error instanceof ApiError && error.isConflict ? `${user.name} was changed by someone else. Reload the page and try again.` : errorMessage(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <label className="sr-only" htmlFor={`role-${user.userId}`}>
        Role of {user.name}
      </label>
      <select id={`role-${user.userId}`} className="input select" style={{ width: 'auto', minWidth: 120 }} value={user.role} disabled={disabled || saving} onChange={(e) => change(e.target.value as Role)}>
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {saving && <span role="status" className="row"><span className="spinner spinner-sm" aria-hidden="true" /><span className="sr-only">Saving role…</span></span>}
    </span>
  );
}

/** `/team`: the tenant's people; owners and admins invite, change roles and remove. */
export function TeamPage() {
  useDocumentTitle('Team');
  const api = useApi();
  const toast = useToast();
  const { me, canManageUsers, reloadUsers } = useWorkspace();
  const list = useResource(async (signal) => {
    const users: User[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get<Page<User>>('/v1/users', { query: { limit: 100, cursor }, signal });
      users.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return users.sort((a, b) => a.name.localeCompare(b.name));
  }, [api]);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const [removeState, setRemoveState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const replace = (user: User) => {
    list.setData((users = []) => users.map((u) => (u.userId === user.userId ? user : u)));
    reloadUsers();
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
          <p className="page-sub">{canManageUsers ? 'Invite people to your workspace and choose what they can do.' : 'The people in your workspace.'}</p>
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
                <th scope="col">Name</th>
                <th scope="col">Email</th>
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
                      <td role="cell"><Skeleton width="60%" /></td>
                      <td role="cell"><Skeleton width="80%" /></td>
                      <td role="cell"><Skeleton width="90px" /></td>
                      <td role="cell"><Skeleton width="60px" /></td>
                      <td role="cell"><Skeleton width="80px" /></td>
                      {canManageUsers && <td role="cell" />}
                    </tr>
                  ))
                : list.data.map((u) => {
                    const self = u.userId === me.userId;
                    return (
                      <tr key={u.userId} role="row">
                        <td className="cell-primary" role="cell">
                          <strong>{u.name}</strong>
                          {self && <Badge tone="accent" className="badge-inline">You</Badge>}
                        </td>
                        <td role="cell">
                          <span className="cell-label" aria-hidden="true">Email</span>
                          <a href={`mailto:${u.email}`} className="break">{u.email}</a>
                        </td>
                        <td role="cell">
                          <span className="cell-label" aria-hidden="true">Role</span>
                          {canManageUsers && !self ? <RoleSelect user={u} disabled={false} onChanged={replace} /> : ROLE_LABELS[u.role]}
                        </td>
                        <td role="cell">
                          <span className="cell-label" aria-hidden="true">Status</span>
                          <Badge tone={u.status === 'active' ? 'success' : 'warning'}>{u.status === 'active' ? 'Active' : 'Invited'}</Badge>
                        </td>
                        <td role="cell" className="cell-muted">
                          <span className="cell-label" aria-hidden="true">Joined</span>
                          {formatDate(u.createdAt)}
                        </td>
                        {canManageUsers && (
                          <td role="cell" className="cell-actions">
                            {!self && (
                              <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setRemoving(u)}>
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
          {!list.data && <span className="sr-only" role="status">Loading team…</span>}
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
          <strong>{removing?.name}</strong> ({removing?.email}) will no longer be able to sign in to {me.tenant.name}. Companies they own stay in the workspace.
        </p>
      </ConfirmDialog>
    </>
  );
}
