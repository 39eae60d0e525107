import type { Stage } from '../../../../functions/shared/enums';
import { STAGE_LABELS } from '../../shared/labels';
import { Alert, Button, Dialog, Spinner } from '../../shared/ui';

/** "leads", "customers", "Discovery companies". */
export const STAGE_PLURALS: Record<Stage, string> = {
  discovery: 'Discovery companies',
  lead: 'leads',
  prospect: 'prospects',
  opportunity: 'opportunities',
  customer: 'customers',
  lost: 'lost companies',
};

/** How many companies a stage has, as far as it has been counted. */
export type StageCount = { stage: Stage; count: number | null; countError: string | null };

/** "Analyse all <stage>?": how many companies it covers, and what it costs. */
export function BulkConfirm({
  confirm,
  busy,
  error,
  onStart,
  onClose,
}: {
  confirm: StageCount | null;
  busy: boolean;
  error: string | null;
  onStart: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={confirm !== null}
      onClose={() => !busy && onClose()}
      title={confirm ? `Analyse all ${STAGE_PLURALS[confirm.stage]}?` : ''}
      size="sm"
    >
      {confirm && (
        <>
          <div className="confirm-text">
            {confirm.countError ? (
              <Alert tone="error" title="The companies could not be counted">
                {confirm.countError}
              </Alert>
            ) : confirm.count === null ? (
              <p className="row">
                <Spinner size="sm" /> Counting the companies in {STAGE_LABELS[confirm.stage]}…
              </p>
            ) : confirm.count === 0 ? (
              <p>There are no companies in {STAGE_LABELS[confirm.stage]} to analyse.</p>
            ) : (
              <>
                <p>
                  This runs an AI analysis of{' '}
                  <strong>{confirm.count === 1 ? '1 company' : `all ${confirm.count} companies`}</strong> in the{' '}
                  {STAGE_LABELS[confirm.stage]} stage, and updates their lead and health scores as each one finishes.
                </p>
                <p className="muted">
                  It can take a few minutes, and each analysis counts toward this month’s AI budget.
                </p>
              </>
            )}
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="dialog-actions">
            <Button onClick={onClose} disabled={busy} data-autofocus>
              Cancel
            </Button>
            <Button variant="primary" busy={busy} disabled={!confirm.count} onClick={onStart}>
              {confirm.count
                ? `Analyse ${confirm.count === 1 ? '1 company' : `${confirm.count} companies`}`
                : 'Analyse'}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
