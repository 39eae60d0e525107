import { Link } from 'react-router-dom';
import { notificationsApi } from '../../../functions/notifications/contract';
import { errorMessage } from '../shared/api';
import { useDocumentTitle } from '../shared/hooks';
import { useApiMutation, useApiQuery } from '../shared/query';
import { Alert, ErrorState, Loading, PageHeading, useToast } from '../shared/ui';
import { SettingsNav } from './settings-nav';
import { useWorkspace } from './workspace';

/** `/settings/notifications`: the daily task digest on or off; days are counted in the profile's time zone. */
export function SettingsNotificationsPage() {
  useDocumentTitle('Notification settings');
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const prefs = useApiQuery(notificationsApi.getPreferences, {});
  const save = useApiMutation(notificationsApi.updatePreferences, (body: { digest?: boolean }) => ({ body }), {
    invalidates: [notificationsApi],
    onSuccess: () => toast('Saved'),
    onError: (error) => toast(`Could not save: ${errorMessage(error)}`, 'error'),
  });
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Notifications</PageHeading>
          <p className="page-sub">Task reminders arrive by email and under the bell when each task is due.</p>
        </div>
      </div>
      <SettingsNav />
      <div className="card card-pad stack">
        {prefs.error && !prefs.data ? (
          <ErrorState
            title="Your preferences could not be loaded"
            error={prefs.error}
            onRetry={() => void prefs.refetch()}
          />
        ) : !prefs.data ? (
          <Loading />
        ) : !canWrite ? (
          <Alert tone="info">Viewers have no tasks, so there is nothing to remind you of.</Alert>
        ) : (
          <>
            <label className="check-row">
              <input
                type="checkbox"
                checked={prefs.data.digest}
                disabled={save.isPending}
                onChange={(e) => save.mutate({ digest: e.target.checked })}
              />
              <span>
                <strong>Daily digest</strong>
                <span className="muted"> — an email each morning (07:00) listing the day’s tasks</span>
              </span>
            </label>
            <p>
              Your day is counted in <strong>{prefs.data.timeZone}</strong>, the time zone on{' '}
              <Link to="/settings/profile">your profile</Link>.
            </p>
          </>
        )}
      </div>
    </>
  );
}
