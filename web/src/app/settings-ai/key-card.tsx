import { useId, useState } from 'react';
import { settingsApi, type AiSettingsView } from '../../../../functions/settings/contract';
import { errorMessage } from '../../shared/api';
import { ApiKeyField, useApiKeyForm } from '../../shared/api-key-form';
import { formatDate, formatDateTime } from '../../shared/format';
import { useApiMutation } from '../../shared/query';
import { Alert, Badge, Button, ConfirmDialog, useToast } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { useFocusWhenShown } from './focus-when-shown';

const MASK = '••••';

/** Sets or replaces the workspace's OpenAI key; the field is a password field and is emptied once saved. */
function KeyForm({
  replacing,
  onSaved,
  onCancel,
}: {
  replacing: boolean;
  onSaved: (s: AiSettingsView) => void;
  onCancel?: () => void;
}) {
  const putKey = useApiMutation(settingsApi.putKey, (body: { apiKey: string }) => ({ body }), {
    invalidates: [settingsApi],
  });
  const keyForm = useApiKeyForm(async (body) => onSaved(await putKey.mutateAsync(body)));
  const { general, saving, submit } = keyForm;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="stack key-form"
      aria-label={replacing ? 'Replace your OpenAI key' : 'Set your OpenAI key'}
    >
      {general && (
        <Alert tone="error" title="The key could not be saved">
          {general}
        </Alert>
      )}
      <ApiKeyField
        label={replacing ? 'New OpenAI API key' : 'OpenAI API key'}
        keyForm={keyForm}
        missing="Paste your OpenAI API key"
        placeholder="sk-…"
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={saving}>
          {replacing ? 'Replace key' : 'Save key'}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** The workspace's own OpenAI key: last four characters only, replace and remove. */
export function KeyCard({ settings, canEdit }: { settings: AiSettingsView; canEdit: boolean }) {
  const toast = useToast();
  const { userName } = useWorkspace();
  const key = settings.tenantKey;
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useApiMutation(settingsApi.deleteKey, (_: void) => ({}), {
    invalidates: [settingsApi],
    onSuccess: () => {
      setRemoving(false);
      toast('Your OpenAI key was removed');
    },
  });
  const showForm = canEdit && (editing || !key);
  const replaceId = useId();
  const focusReplace = useFocusWhenShown(replaceId);

  const fallback = settings.platformKeySet
    ? 'Without one, analyses use the Quoteflow platform key.'
    : 'Without one, analyses use offline analysis (built-in rules).';

  return (
    <section className="card card-pad stack key-card-tenant" aria-labelledby="key-title">
      <div>
        <h2 id="key-title" className="section-title">
          Your OpenAI key
        </h2>
        <p className="muted">Use your own OpenAI account for your workspace’s analyses. {fallback}</p>
      </div>
      {key ? (
        <div className="key-line">
          <span className="key-mask" data-testid="tenant-key">
            <span aria-hidden="true">{MASK}</span>
            <span className="sr-only">Key ending </span> {key.last4}
          </span>
          <span className="muted">
            set{' '}
            <time dateTime={key.setAt} title={formatDateTime(key.setAt)}>
              {formatDate(key.setAt)}
            </time>{' '}
            by {userName(key.setBy) ?? 'a teammate'}
          </span>
          {canEdit && !editing && (
            <span className="row key-actions">
              <Button size="sm" id={replaceId} onClick={() => setEditing(true)}>
                Replace
              </Button>
              <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setRemoving(true)}>
                Remove
              </Button>
            </span>
          )}
        </div>
      ) : (
        <p>
          <Badge tone="neutral">No key set</Badge>
        </p>
      )}
      {showForm && (
        <KeyForm
          replacing={!!key}
          onCancel={
            editing
              ? () => {
                  setEditing(false);
                  focusReplace();
                }
              : undefined
          }
          onSaved={(updated) => {
            setEditing(false);
            focusReplace();
            toast(`Your OpenAI key ending ${updated.tenantKey?.last4 ?? ''} was saved`);
          }}
        />
      )}
      <ConfirmDialog
        open={removing}
        title="Remove your OpenAI key?"
        confirmLabel="Remove key"
        busy={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setRemoving(false);
          remove.reset();
        }}
      >
        <p>
          The key ending {key?.last4} is deleted from Quoteflow. {fallback}
        </p>
      </ConfirmDialog>
    </section>
  );
}
