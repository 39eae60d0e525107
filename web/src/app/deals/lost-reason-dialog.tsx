import { useState } from 'react';
import { Button, Dialog, TextAreaField } from '../../shared/ui';

/** Asks why a deal was lost before it moves to a lost stage (the API requires a reason). */
export function LostReasonDialog({
  dealName,
  open,
  busy,
  onConfirm,
  onCancel,
}: {
  dealName: string;
  open: boolean;
  busy?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('Say why the deal was lost');
    onConfirm(reason.trim());
  };
  return (
    <Dialog open={open} onClose={onCancel} title={`Why was ${dealName} lost?`} size="sm">
      <form onSubmit={submit} className="stack" noValidate>
        <TextAreaField
          label="Lost reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
          error={error}
          maxLength={500}
          rows={3}
        />
        <div className="dialog-actions">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            Mark as lost
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
