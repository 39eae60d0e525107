import { useState } from 'react';
import type { UserView } from '../../../functions/users/contract';
import { newIdempotencyKey } from '../shared/api';
import { useDocumentTitle } from '../shared/hooks';
import { Button, Dialog, ErrorState, PageHeading, useToast } from '../shared/ui';
import { RemoveUserDialog, ResendInvitationDialog } from './team-confirm-dialogs';
import { InviteForm } from './team-invite-form';
import { RenameForm } from './team-rename-form';
import { TeamTable } from './team-table';
import { useTeam, useTeamCache, useWorkspace } from './workspace';

/** `/team`: the tenant's people; owners and admins invite, change roles and remove. */
export function TeamPage() {
  useDocumentTitle('Team');
  const toast = useToast();
  const { me, canManageUsers } = useWorkspace();
  const team = useTeam();
  const cache = useTeamCache();
  const [inviting, setInviting] = useState(false);
  const [renaming, setRenaming] = useState<UserView | null>(null);
  const [resending, setResending] = useState<{ user: UserView; key: string } | null>(null);
  const [removing, setRemoving] = useState<UserView | null>(null);

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

      {team.error && !team.data ? (
        <div className="card">
          <ErrorState title="The team could not be loaded" error={team.error} onRetry={() => void team.refetch()} />
        </div>
      ) : (
        <TeamTable
          users={team.data}
          me={me}
          canManageUsers={canManageUsers}
          actions={{
            onRename: setRenaming,
            onResend: (user) => setResending({ user, key: newIdempotencyKey() }),
            onRemove: setRemoving,
          }}
        />
      )}

      <Dialog open={inviting} onClose={() => setInviting(false)} title="Invite a teammate" size="sm">
        {inviting && (
          <InviteForm
            onCancel={() => setInviting(false)}
            onResend={(user) => {
              setInviting(false);
              setResending({ user, key: newIdempotencyKey() });
            }}
            onInvited={(user) => {
              cache.put(user);
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
            onCancel={() => setRenaming(null)}
            onRenamed={(user) => {
              cache.put(user);
              setRenaming(null);
              toast(`The name is now ${user.name}`);
            }}
          />
        )}
      </Dialog>

      <ResendInvitationDialog resending={resending} onClose={() => setResending(null)} />
      <RemoveUserDialog user={removing} workspaceName={me.tenant.name} onClose={() => setRemoving(null)} />
    </>
  );
}
