import { useState } from 'react';
import { usersApi } from '../../../../functions/users/contract';
import { errorMessage } from '../../shared/api';
import { useServices } from '../../shared/services';
import { Button, ConfirmDialog } from '../../shared/ui';

/**
 * "Sign out of all devices": the API revokes every refresh token and refuses every token issued
 * before now, so other devices are signed out at their next request; this browser's other tabs
 * follow at once (their shared storage says so).
 */
export function SessionsCard() {
  const { api, auth } = useServices();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const signOutEverywhere = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.call(usersApi.signOutEverywhere);
      auth.signOut('everywhere');
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <section className="card card-pad stack" aria-labelledby="sessions-title">
      <div>
        <h2 id="sessions-title" className="section-title">
          Where you are signed in
        </h2>
        <p className="muted">
          Quoteflow keeps you signed in on this browser until you sign out. Lost a laptop or phone, or signed in on a
          shared computer? Sign out everywhere, including here.
        </p>
      </div>
      <div className="row">
        <Button variant="danger" onClick={() => setOpen(true)}>
          Sign out of all devices
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title="Sign out of all devices?"
        confirmLabel="Sign out everywhere"
        busy={busy}
        error={failure}
        onConfirm={() => void signOutEverywhere()}
        onCancel={() => {
          setOpen(false);
          setFailure(null);
        }}
      >
        Every browser and device signed in to your account, this one included, will have to sign in again.
      </ConfirmDialog>
    </section>
  );
}
