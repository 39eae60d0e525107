import { RolePicker } from '../shared/role-picker';
import { UserStatusBadge } from '../shared/user-status-badge';
import { adminApi } from '../../../functions/admin/contract';
import { ROLES, type Role } from '../../../functions/shared/enums';
import type { UserView } from '../../../functions/users/contract';
import { ApiError, errorMessage } from '../shared/api';
import { formatDate } from '../shared/format';
import { ROLE_LABELS } from '../shared/labels';
import { itemsOf, useApiList, useApiMutation } from '../shared/query';
import { Alert, Button, CellLabel, EmptyState, ErrorState, Loading, useToast } from '../shared/ui';

const PAGE_SIZE = 100;

/** A user's role, changed by support: how a workspace left without an owner gets one again. */
function AdminRoleSelect({ tenantId, user }: { tenantId: string; user: UserView }) {
  const toast = useToast();
  const change = useApiMutation(
    adminApi.updateTenantUser,
    (role: Role) => ({ params: { tenantId, userId: user.userId }, body: { role }, version: user.version }),
    {
      invalidates: [adminApi],
      onError: (error) =>
        toast(
          error instanceof ApiError && error.isConflict
            ? `${user.name} was changed by someone else. Reload the page and try again.`
            : errorMessage(error),
          'error',
        ),
      onSuccess: (_updated, role) => toast(`${user.name}’s role is now ${ROLE_LABELS[role]}`),
    },
  );
  return (
    <RolePicker
      user={user}
      options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      pending={change.isPending}
      onChange={(role) => change.mutate(role)}
    />
  );
}

/** A tenant's users, for support, 100 at a time; a role can be repaired in place. */
export function TenantUsers({ tenantId }: { tenantId: string }) {
  const list = useApiList(adminApi.listTenantUsers, { params: { tenantId }, query: { limit: PAGE_SIZE } });
  const users = list.data ? itemsOf(list.data) : undefined;

  return (
    <section aria-labelledby="users-title" style={{ marginTop: 24 }}>
      <div className="section-head">
        <h2 id="users-title" className="section-title">
          Users
          {users ? (
            <span className="muted">
              {' '}
              ({users.length}
              {list.hasNextPage ? '+' : ''})
            </span>
          ) : null}
        </h2>
      </div>
      {list.error && !users ? (
        <div className="card">
          <ErrorState title="Users could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !users ? (
        <Loading label="Loading users…" />
      ) : users.length === 0 ? (
        <div className="card">
          <EmptyState title="No users">This tenant has no users.</EmptyState>
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table responsive" role="table">
              <caption className="sr-only">Users of this tenant</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.userId} role="row">
                    <td className="cell-primary" role="cell">
                      <strong>{u.name}</strong>
                    </td>
                    <td role="cell">
                      <CellLabel>Email</CellLabel>
                      <span className="break">{u.email}</span>
                    </td>
                    <td role="cell">
                      <CellLabel>Role</CellLabel>
                      <AdminRoleSelect tenantId={tenantId} user={u} />
                    </td>
                    <td role="cell">
                      <CellLabel>Status</CellLabel>
                      <UserStatusBadge status={u.status} />
                    </td>
                    <td role="cell" className="cell-muted cell-nowrap">
                      <CellLabel>Added</CellLabel>
                      {formatDate(u.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.hasNextPage && (
            <div className="list-footer">
              {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                Load more users
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
