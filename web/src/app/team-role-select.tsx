import { usersApi, type UserView } from '../../../functions/users/contract';
import { ROLES, type Role } from '../../../functions/shared/enums';
import { ApiError, errorMessage } from '../shared/api';
import { ROLE_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { RolePicker } from '../shared/role-picker';
import { useToast } from '../shared/ui';
import { useTeamCache } from './workspace';

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including billing and the team',
  admin: 'Everything, including managing the team',
  sales: 'Works with companies and contacts',
  viewer: 'Can look but not change anything',
};

export const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A teammate's role, changed in place: the table shows the new role at once and puts it back if the save fails. */
export function RoleSelect({ user }: { user: UserView }) {
  const toast = useToast();
  const team = useTeamCache();
  const change = useApiMutation(
    usersApi.update,
    ({ role, before }: { role: Role; before: UserView }) => ({
      params: { userId: before.userId },
      body: { role },
      version: before.version,
    }),
    {
      onMutate: ({ role, before }) => team.preview(before, { role }),
      onError: (error, { before }) => {
        team.put(before);
        toast(
          error instanceof ApiError && error.isConflict
            ? `${before.name} was changed by someone else. Reload the page and try again.`
            : errorMessage(error),
          'error',
        );
      },
      onSuccess: (updated, { role, before }) => {
        team.put(updated);
        toast(`${before.name}’s role is now ${ROLE_LABELS[role]}`);
      },
    },
  );

  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <RolePicker
        user={user}
        options={roleOptions}
        pending={change.isPending}
        onChange={(role) => change.mutate({ role, before: user })}
      />
      {change.isPending && (
        <span role="status" className="row">
          <span className="spinner spinner-sm" aria-hidden="true" />
          <span className="sr-only">Saving role…</span>
        </span>
      )}
    </span>
  );
}
