import { useState, type FormEvent } from 'react';
import { companyBulkApi } from '../../../../functions/company-bulk/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import type { BulkCompaniesInput } from '../../../../functions/company-bulk/schema';
import { STAGES, type Stage } from '../../../../functions/shared/enums';
import { searchApi } from '../../../../functions/search/contract';
import type { ResponseOf } from '../../../../functions/shared/contract';
import { errorMessage } from '../../shared/api';
import { STAGE_LABELS } from '../../shared/labels';
import { useApiMutation } from '../../shared/query';
import {
  Alert,
  Button,
  ConfirmDialog,
  Dialog,
  FormDialogActions,
  SelectField,
  TextField,
  useToast,
} from '../../shared/ui';
import { useWorkspace } from '../workspace';

type Action = 'owner' | 'stage' | 'tag' | 'delete';
type Result = ResponseOf<typeof companyBulkApi.bulk>;

const companies = (n: number) => `${n} ${n === 1 ? 'company' : 'companies'}`;

/** "3 companies updated · 1 already so · 1 not found · 1 failed". */
export function bulkSummary(r: Result): string {
  const parts = [
    r.updated && `${companies(r.updated)} updated`,
    r.deleted && `${companies(r.deleted)} deleted`,
    r.unchanged && `${r.unchanged} already so`,
    r.notFound && `${r.notFound} no longer there`,
    r.failed && `${r.failed} not changed`,
  ].filter(Boolean);
  return parts.join(' · ') || 'Nothing changed';
}

/**
 * What can be done to the selected companies at once: set owner, set stage, add a tag, delete
 * (confirmed). Each company is its own write, so the answer says what happened to each; the
 * ones that were not changed stay selected, with the reason.
 */
export function BulkBar({
  ids,
  nameOf,
  onClear,
  onDone,
}: {
  ids: string[];
  nameOf: (companyId: string) => string;
  onClear: () => void;
  /** The ids still selected afterwards (those not changed). */
  onDone: (keep: string[]) => void;
}) {
  const toast = useToast();
  const { users } = useWorkspace();
  const [action, setAction] = useState<Action | null>(null);
  const [owner, setOwner] = useState('');
  const [stage, setStage] = useState<Stage>('prospect');
  const [tag, setTag] = useState('');
  const [failures, setFailures] = useState<{ name: string; message: string }[]>([]);
  const mutation = useApiMutation(companyBulkApi.bulk, (body: BulkCompaniesInput) => ({ body }), {
    invalidates: [companiesApi, searchApi],
    onSuccess: (r) => {
      const failed = r.results.filter((x) => x.outcome === 'failed');
      setFailures(failed.map((x) => ({ name: nameOf(x.companyId), message: x.message ?? 'Not changed' })));
      toast(bulkSummary(r), failed.length ? 'error' : 'success');
      setAction(null);
      onDone(failed.map((x) => x.companyId));
    },
  });
  const error = mutation.error ? errorMessage(mutation.error) : null;
  const open = (a: Action) => {
    mutation.reset();
    setAction(a);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (action === 'owner') mutation.mutate({ ids, set: { ownerId: owner || null } });
    if (action === 'stage') mutation.mutate({ ids, set: { stage } });
    if (action === 'tag' && tag.trim()) mutation.mutate({ ids, set: { addTags: [tag.trim()] } });
  };
  const n = companies(ids.length);
  const close = () => !mutation.isPending && setAction(null);

  return (
    <>
      {ids.length > 0 && (
        <div className="bulk-bar" role="region" aria-label="Selected companies">
          <strong className="bulk-count">{ids.length} selected</strong>
          <div className="bulk-actions">
            <Button size="sm" onClick={() => open('owner')}>
              Set owner
            </Button>
            <Button size="sm" onClick={() => open('stage')}>
              Set stage
            </Button>
            <Button size="sm" onClick={() => open('tag')}>
              Add tag
            </Button>
            <Button size="sm" variant="danger" onClick={() => open('delete')}>
              Delete
            </Button>
            <Button size="sm" variant="ghost" onClick={onClear}>
              Clear selection
            </Button>
          </div>
        </div>
      )}
      {failures.length > 0 && (
        <Alert
          tone="warning"
          title={`${companies(failures.length)} not changed`}
          actions={
            <Button size="sm" onClick={() => setFailures([])}>
              Dismiss
            </Button>
          }
        >
          <ul className="bulk-failures">
            {failures.map((f, i) => (
              <li key={i}>
                <strong>{f.name}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Dialog
        open={action === 'owner' || action === 'stage' || action === 'tag'}
        onClose={close}
        title={action === 'owner' ? `Set the owner of ${n}` : action === 'stage' ? `Move ${n} to a stage` : `Tag ${n}`}
        size="sm"
      >
        <form onSubmit={submit}>
          {action === 'owner' && (
            <SelectField
              label="Owner"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              options={[{ value: '', label: 'Unassigned' }, ...users.map((u) => ({ value: u.userId, label: u.name }))]}
            />
          )}
          {action === 'stage' && (
            <SelectField
              label="Stage"
              value={stage}
              onChange={(e) => setStage(e.target.value as Stage)}
              options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            />
          )}
          {action === 'tag' && (
            <TextField label="Tag" value={tag} maxLength={40} required onChange={(e) => setTag(e.target.value)} />
          )}
          {error && <Alert tone="error">{error}</Alert>}
          <FormDialogActions submitLabel="Apply" saving={mutation.isPending} onCancel={close} />
        </form>
      </Dialog>
      <ConfirmDialog
        open={action === 'delete'}
        title={`Delete ${n}?`}
        confirmLabel={`Delete ${n}`}
        busy={mutation.isPending}
        error={error}
        onConfirm={() => mutation.mutate({ ids, delete: true })}
        onCancel={close}
      >
        {ids.length <= 5
          ? ids.map(nameOf).join(', ')
          : `${ids.slice(0, 4).map(nameOf).join(', ')} and ${ids.length - 4} more`}{' '}
        will be deleted with all of their contacts, activities and history. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
