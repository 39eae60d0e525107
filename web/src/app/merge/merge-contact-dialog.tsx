import { useState } from 'react';
import type { ContactView } from '../../../../functions/contacts/contract';
import { errorMessage } from '../../shared/api';
import { formatDateTime, fullName } from '../../shared/format';
import { CONTACT_ROLE_LABELS } from '../../shared/labels';
import { Alert, Button, Dialog, SelectField } from '../../shared/ui';
import { MergeFields, listText, type FieldRow, type Side } from './merge-fields';
import { useMerge, useUndoMerge } from './use-merge';

function contactRows(t: ContactView, s: ContactView): FieldRow[] {
  const row = (field: string, label: string, of: (c: ContactView) => string): FieldRow => ({
    field,
    label,
    target: of(t),
    source: of(s),
    same: of(t) === of(s),
  });
  return [
    row('firstName', 'First name', (c) => c.firstName),
    row('lastName', 'Last name', (c) => c.lastName),
    row('jobTitle', 'Job title', (c) => c.jobTitle ?? ''),
    row('role', 'Role', (c) => CONTACT_ROLE_LABELS[c.role] ?? c.role),
    row('emails', 'Emails', (c) => listText(c.emails.map((e) => e.address))),
    row('phones', 'Phones', (c) => listText(c.phones.map((p) => p.number))),
    row('notes', 'Notes', (c) => c.notes ?? ''),
  ];
}

/**
 * Merging a duplicate contact into `target` (the one kept): pick the other contact of the company,
 * choose each differing field, confirm; the result offers an undo.
 */
export function MergeContactDialog({
  target,
  contacts,
  onClose,
}: {
  target: ContactView | null;
  contacts: ContactView[];
  onClose: () => void;
}) {
  const others = target ? contacts.filter((c) => c.contactId !== target.contactId) : [];
  const [sourceId, setSourceId] = useState('');
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const merge = useMerge('contact');
  const undo = useUndoMerge();
  const source = others.find((c) => c.contactId === sourceId) ?? others[0];
  const close = () => {
    setSourceId('');
    setChoices({});
    merge.reset();
    undo.reset();
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      onClose={close}
      title={target ? `Merge a duplicate into ${fullName(target)}` : ''}
      size="lg"
    >
      {target && merge.data ? (
        <div className="stack">
          {undo.data?.state === 'undone' ? (
            <Alert tone="success" title="Merge undone">
              {merge.data.sourceName} is back, with their activities.
            </Alert>
          ) : (
            <Alert
              tone="success"
              title={`${merge.data.sourceName} was merged into ${fullName(target)}`}
              actions={
                <Button size="sm" busy={undo.isPending} onClick={() => undo.mutate(merge.data!.mergeId)}>
                  Undo merge
                </Button>
              }
            >
              {merge.data.counts.activity ?? 0} activities now name {fullName(target)}. You can undo this until{' '}
              {formatDateTime(merge.data.undoUntil!)}.
            </Alert>
          )}
          {undo.error ? <Alert tone="error">{errorMessage(undo.error)}</Alert> : null}
          <div className="dialog-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : target && !source ? (
        <div className="stack">
          <p>There is no other contact at this company to merge into {fullName(target)}.</p>
          <div className="dialog-actions">
            <Button onClick={close}>Close</Button>
          </div>
        </div>
      ) : target && source ? (
        <div className="stack">
          <SelectField
            label="The duplicate to merge in"
            value={source.contactId}
            onChange={(e) => {
              setSourceId(e.target.value);
              setChoices({});
            }}
            options={others.map((c) => ({
              value: c.contactId,
              label: `${fullName(c)}${c.jobTitle ? ` · ${c.jobTitle}` : ''}`,
            }))}
          />
          <MergeFields
            rows={contactRows(target, source)}
            targetName={fullName(target)}
            sourceName={fullName(source)}
            choices={choices}
            onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
          />
          <p className="muted">
            {fullName(source)} is removed, and their activities will name {fullName(target)}.
          </p>
          {merge.error ? (
            <Alert tone="error" title="The contacts could not be merged">
              {errorMessage(merge.error)}
            </Alert>
          ) : null}
          <div className="dialog-actions">
            <Button onClick={close}>Cancel</Button>
            <Button
              variant="primary"
              busy={merge.isPending}
              onClick={() =>
                merge.mutate({
                  targetId: target.contactId,
                  sourceId: source.contactId,
                  fields: choices,
                  version: target.version,
                })
              }
            >
              Merge contacts
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
