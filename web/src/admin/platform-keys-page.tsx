import { useState } from 'react';
import { errorMessage } from '../shared/api';
import { ApiKeyField, useApiKeyForm } from '../shared/api-key-form';
import { formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { useApi } from '../shared/services';
import type { Page, PlatformKey, PlatformKeyProvider } from '../shared/types';
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

const PROVIDERS: Record<PlatformKeyProvider, { name: string; uses: string; without: string }> = {
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
  provider: PlatformKeyProvider;
  replacing: boolean;
  onSaved: (key: PlatformKey) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { form, general, saving, submit, field } = useApiKeyForm(async (apiKey) => {
    const saved = await api.put<{ provider: PlatformKeyProvider; last4: string; setAt: string }>(
      `/v1/admin/keys/${provider}`,
      { apiKey },
    );
    onSaved({ provider, set: true, last4: saved.last4, setAt: saved.setAt });
  }, 'Paste the API key');
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <p className="muted">
        {PROVIDERS[provider].uses} {replacing ? 'The new key takes over from the current one straight away.' : ''}
      </p>
      {general && <Alert tone="error">{general}</Alert>}
      <ApiKeyField label={`${PROVIDERS[provider].name} API key`} field={field} />
      <FormDialogActions submitLabel={replacing ? 'Replace key' : 'Save key'} saving={saving} onCancel={onCancel} />
    </form>
  );
}

/** `/keys`: the platform's provider keys (OpenAI, Companies House): set, replace, remove; never shown. */
export function PlatformKeysPage() {
  useDocumentTitle('Platform keys');
  const api = useApi();
  const toast = useToast();
  const keys = useResource((signal) => api.get<Page<PlatformKey>>('/v1/admin/keys', { signal }), [api]);
  const [editing, setEditing] = useState<PlatformKey | null>(null);
  const [removing, setRemoving] = useState<PlatformKey | null>(null);
  const [removeState, setRemoveState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const replace = (key: PlatformKey) =>
    keys.setData((page) => ({
      items: (page?.items ?? []).map((k) => (k.provider === key.provider ? key : k)),
      cursor: null,
    }));

  const remove = async () => {
    if (!removing) return;
    setRemoveState({ busy: true, error: null });
    try {
      await api.delete(`/v1/admin/keys/${removing.provider}`);
      replace({ provider: removing.provider, set: false, last4: null, setAt: null });
      toast(`The ${PROVIDERS[removing.provider].name} key was removed`);
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
          <PageHeading>Platform keys</PageHeading>
          <p className="page-sub">
            Keys Quoteflow uses on behalf of every tenant. They are stored encrypted and never shown again, only their
            last four characters.
          </p>
        </div>
      </div>
      {keys.error && !keys.data ? (
        <div className="card">
          <ErrorState title="The keys could not be loaded" error={keys.error} onRetry={keys.reload} />
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
              replace(key);
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
        busy={removeState.busy}
        error={removeState.error}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(null);
          setRemoveState({ busy: false, error: null });
        }}
      >
        <p>
          The key ending {removing?.last4} is deleted. {removing ? PROVIDERS[removing.provider].without : ''}
        </p>
      </ConfirmDialog>
    </>
  );
}
