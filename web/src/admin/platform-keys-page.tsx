import { useState } from 'react';
import { settingsApi, type KeyDescriptionView, type PlatformKeyView } from '../../../functions/settings/contract';
import type { KeyProvider } from '../../../functions/shared/enums';
import { errorMessage } from '../shared/api';
import { ApiKeyField, useApiKeyForm } from '../shared/api-key-form';
import { formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { useApiMutation, useApiQuery } from '../shared/query';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Dialog,
  ErrorState,
  FormDialogActions,
  PageHeading,
  Skeleton,
  useToast,
} from '../shared/ui';

const PROVIDERS: Record<KeyProvider, { name: string; uses: string; without: string }> = {
  openai: {
    name: 'OpenAI',
    uses: 'Runs AI analyses for every tenant that has not set a key of its own.',
    without: 'Without it, those tenants get offline analysis (built-in rules).',
  },
  companiesHouse: {
    name: 'Companies House',
    uses: 'Looks up UK companies, their officers and filings for every tenant.',
    without: 'Without it, Companies House search, directors and filings are unavailable.',
  },
};

function KeyForm({
  provider,
  replacing,
  onSaved,
  onCancel,
}: {
  provider: KeyProvider;
  replacing: boolean;
  onSaved: (key: KeyDescriptionView) => void;
  onCancel: () => void;
}) {
  const putKey = useApiMutation(
    settingsApi.putPlatformKey,
    (body: { apiKey: string }) => ({ params: { provider }, body }),
    { invalidates: [settingsApi] },
  );
  const keyForm = useApiKeyForm(async (body) => onSaved(await putKey.mutateAsync(body)));
  const { general, saving, submit } = keyForm;
  return (
    <form onSubmit={submit} noValidate className="stack">
      <p className="muted">
        {PROVIDERS[provider].uses} {replacing ? 'The new key takes over from the current one straight away.' : ''}
      </p>
      {general && <Alert tone="error">{general}</Alert>}
      <ApiKeyField label={`${PROVIDERS[provider].name} API key`} keyForm={keyForm} missing="Paste the API key" />
      <FormDialogActions submitLabel={replacing ? 'Replace key' : 'Save key'} saving={saving} onCancel={onCancel} />
    </form>
  );
}

/** `/keys`: the platform's provider keys (OpenAI, Companies House): set, replace, remove; never shown. */
export function PlatformKeysPage() {
  useDocumentTitle('Platform keys');
  const toast = useToast();
  const keys = useApiQuery(settingsApi.listPlatformKeys, {});
  const [editing, setEditing] = useState<PlatformKeyView | null>(null);
  const [removing, setRemoving] = useState<PlatformKeyView | null>(null);
  const remove = useApiMutation(settingsApi.removePlatformKey, (provider: KeyProvider) => ({ params: { provider } }), {
    invalidates: [settingsApi],
    onSuccess: (_, provider) => {
      toast(`The ${PROVIDERS[provider].name} key was removed`);
      setRemoving(null);
    },
  });

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Platform keys</PageHeading>
          <p className="page-sub">
            Keys Quoteflow uses on behalf of every tenant. They are stored encrypted and never shown again, only their
            last four characters.
          </p>
        </div>
      </div>
      {keys.error && !keys.data ? (
        <div className="card">
          <ErrorState title="The keys could not be loaded" error={keys.error} onRetry={() => void keys.refetch()} />
        </div>
      ) : (
        <ul className="key-cards" aria-busy={!keys.data}>
          {!keys.data
            ? Array.from({ length: 2 }, (_, i) => (
                <li key={i} className="card card-pad stack">
                  <Skeleton width="40%" height="1.2em" />
                  <Skeleton width="90%" />
                  <Skeleton width="50%" />
                </li>
              ))
            : keys.data.items.map((k) => {
                const p = PROVIDERS[k.provider] ?? { name: k.provider, uses: '', without: '' };
                return (
                  <li key={k.provider} className="card card-pad stack key-card">
                    <div className="key-card-head">
                      <h2 className="section-title">{p.name}</h2>
                      {k.set ? <Badge tone="success">Set</Badge> : <Badge tone="warning">Not set</Badge>}
                    </div>
                    <p className="muted">
                      {p.uses} {!k.set && p.without}
                    </p>
                    {k.set ? (
                      <p className="key-line">
                        <span className="key-mask">
                          <span aria-hidden="true">••••</span>
                          <span className="sr-only">Key ending </span> {k.last4}
                        </span>
                        {k.setAt && (
                          <span className="muted">
                            set{' '}
                            <time dateTime={k.setAt} title={formatDateTime(k.setAt)}>
                              {formatDate(k.setAt)}
                            </time>
                          </span>
                        )}
                      </p>
                    ) : null}
                    <div className="row">
                      <Button variant={k.set ? 'secondary' : 'primary'} onClick={() => setEditing(k)}>
                        {k.set ? 'Replace' : 'Set key'}
                        <span className="sr-only"> {p.name} key</span>
                      </Button>
                      {k.set && (
                        <Button variant="ghost" className="btn-danger-text" onClick={() => setRemoving(k)}>
                          Remove<span className="sr-only"> {p.name} key</span>
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
          {!keys.data && (
            <li className="sr-only" role="status">
              Loading keys…
            </li>
          )}
        </ul>
      )}

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `${editing.set ? 'Replace' : 'Set'} the ${PROVIDERS[editing.provider].name} key` : 'Key'}
        size="sm"
      >
        {editing && (
          <KeyForm
            provider={editing.provider}
            replacing={editing.set}
            onCancel={() => setEditing(null)}
            onSaved={(key) => {
              setEditing(null);
              toast(`The ${PROVIDERS[key.provider].name} key ending ${key.last4} was saved`);
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={removing !== null}
        title={`Remove the ${removing ? PROVIDERS[removing.provider].name : ''} key?`}
        confirmLabel="Remove key"
        busy={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => removing && remove.mutate(removing.provider)}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <p>
          The key ending {removing?.last4} is deleted. {removing ? PROVIDERS[removing.provider].without : ''}
        </p>
      </ConfirmDialog>
    </>
  );
}
