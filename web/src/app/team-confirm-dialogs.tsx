import { usersApi, type UserView } from '../../../functions/users/contract';
import { ApiError, errorMessage } from '../shared/api';
import { useApiMutation } from '../shared/query';
import { ConfirmDialog, useToast } from '../shared/ui';
import { useTeamCache } from './workspace';

/** "Send the invitation again?" for an invited user; `key` is the Idempotency-Key of this one resend. */
export function ResendInvitationDialog({
  resending,
  onClose,
}: {
  resending: { user: UserView; key: string } | null;
  onClose: () => void;
}) {
  const toast = useToast();
  const team = useTeamCache();
  const resend = useApiMutation(
    usersApi.resendInvitation,
    ({ user, key }: { user: UserView; key: string }) => ({ params: { userId: user.userId }, idempotencyKey: key }),
    {
      onSuccess: (updated, { user }) => {
        team.put(updated);
        close();
        toast(`A new invitation was sent to ${user.email}`);
      },
      onError: (error) => {
        // 422: they signed in meanwhile; 404: they were removed. Either way the list is out of date.
        if (error instanceof ApiError && (error.status === 422 || error.status === 404)) team.refresh();
      },
    },
  );
  const close = () => {
    resend.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={resending !== null}
      title="Send the invitation again?"
      confirmLabel="Resend invitation"
      tone="primary"
      busy={resend.isPending}
      error={resend.error ? errorMessage(resend.error) : null}
      onConfirm={() => resending && resend.mutate(resending)}
      onCancel={close}
    >
      <p>
        <strong>{resending?.user.name}</strong> gets a new email at{' '}
        <span className="break">{resending?.user.email}</span> with a new temporary password. The password from the
        earlier invitation stops working.
      </p>
    </ConfirmDialog>
  );
}

/** "Remove this person?": they can no longer sign in to the workspace. */
export function RemoveUserDialog({
  user,
  workspaceName,
  onClose,
}: {
  user: UserView | null;
  workspaceName: string;
  onClose: () => void;
}) {
  const toast = useToast();
  const team = useTeamCache();
  const remove = useApiMutation(usersApi.remove, (u: UserView) => ({ params: { userId: u.userId } }), {
    onSuccess: (_, removed) => {
      team.drop(removed.userId);
      toast(`${removed.name} was removed`);
      close();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={user !== null}
      title="Remove this person?"
      confirmLabel="Remove user"
      busy={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() => user && remove.mutate(user)}
      onCancel={close}
    >
      <p>
        <strong>{user?.name}</strong> ({user?.email}) will no longer be able to sign in to {workspaceName}. Companies
        they own stay in the workspace.
      </p>
    </ConfirmDialog>
  );
}
