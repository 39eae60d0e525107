import { UserStatusBadge } from '../shared/user-status-badge';
import type { MeView, UserView } from '../../../functions/users/contract';
import { formatDate } from '../shared/format';
import { ROLE_LABELS } from '../shared/labels';
import { Badge, Button, CellLabel, Skeleton } from '../shared/ui';
import { RoleSelect } from './team-role-select';

export interface TeamActions {
  onRename: (user: UserView) => void;
  onResend: (user: UserView) => void;
  onRemove: (user: UserView) => void;
}

const SkeletonRows = ({ withActions }: { withActions: boolean }) =>
  Array.from({ length: 3 }, (_, i) => (
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
      {withActions && <td role="cell" />}
    </tr>
  ));

function MemberRow({
  user: u,
  self,
  canManageUsers,
  actions,
}: {
  user: UserView;
  self: boolean;
  canManageUsers: boolean;
  actions: TeamActions;
}) {
  return (
    <tr role="row">
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
        <CellLabel>Role</CellLabel>
        {canManageUsers && !self ? <RoleSelect user={u} /> : ROLE_LABELS[u.role]}
      </td>
      <td role="cell">
        <CellLabel>Status</CellLabel>
        <UserStatusBadge status={u.status} />
        {u.mfaEnabled && (
          <Badge tone="success" className="badge-inline">
            Two-factor
          </Badge>
        )}
      </td>
      <td role="cell" className="cell-muted cell-nowrap">
        <CellLabel>{u.status === 'invited' ? 'Invited' : 'Joined'}</CellLabel>
        {/* A pending invitation hasn't joined yet: the date is when it was sent. */}
        {u.status === 'invited' ? `Invited ${formatDate(u.createdAt)}` : formatDate(u.createdAt)}
      </td>
      {canManageUsers && (
        <td role="cell" className="cell-actions">
          <Button size="sm" variant="ghost" onClick={() => actions.onRename(u)}>
            Rename<span className="sr-only"> {u.name}</span>
          </Button>
          {!self && u.status === 'invited' && (
            <Button size="sm" variant="ghost" onClick={() => actions.onResend(u)}>
              Resend invitation<span className="sr-only"> to {u.name}</span>
            </Button>
          )}
          {!self && (
            <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => actions.onRemove(u)}>
              Remove<span className="sr-only"> {u.name}</span>
            </Button>
          )}
        </td>
      )}
    </tr>
  );
}

/** The team, one row per person; skeleton rows until `users` is loaded. */
export function TeamTable({
  users,
  me,
  canManageUsers,
  actions,
}: {
  users: UserView[] | undefined;
  me: MeView;
  canManageUsers: boolean;
  actions: TeamActions;
}) {
  return (
    <div className="table-wrap" aria-busy={!users}>
      <table className="data-table responsive" role="table">
        <caption className="sr-only">Team members</caption>
        <thead>
          <tr>
            <th scope="col">Name and email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Joined or invited</th>
            {canManageUsers && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {!users ? (
            <SkeletonRows withActions={canManageUsers} />
          ) : (
            users.map((u) => (
              <MemberRow
                key={u.userId}
                user={u}
                self={u.userId === me.userId}
                canManageUsers={canManageUsers}
                actions={actions}
              />
            ))
          )}
        </tbody>
      </table>
      {!users && (
        <span className="sr-only" role="status">
          Loading team…
        </span>
      )}
    </div>
  );
}
