import { Link } from 'react-router-dom';
import { importsApi } from '../../../../functions/imports/contract';
import { useApiQuery } from '../../shared/query';
import { Alert, ErrorState } from '../../shared/ui';

const POLL_MS = 1000;

/** Steps 4 and 5: the running import's progress bar, then what it did, with the error report. */
export function ProgressStep({ importId }: { importId: string }) {
  const job = useApiQuery(
    importsApi.get,
    { params: { importId } },
    { staleTime: 0, refetchInterval: (q) => (q.state.data?.status === 'done' ? false : POLL_MS) },
  );
  if (job.isError && !job.data)
    return (
      <ErrorState
        title="The import’s progress could not be loaded"
        error={job.error}
        onRetry={() => void job.refetch()}
      />
    );
  const j = job.data;
  const percent = j && j.total > 0 ? Math.round((j.processed / j.total) * 100) : 0;
  const done = j?.status === 'done';
  const list = j?.kind ?? 'companies';
  return (
    <div className="stack">
      <div>
        <div className="field-label">
          <span id="import-progress-label">{done ? 'Import finished' : 'Importing…'}</span>
          <span className="muted">
            {' '}
            {j ? `${j.processed.toLocaleString()} of ${j.total.toLocaleString()} rows` : ''}
          </span>
        </div>
        <div
          className="usage-bar import-bar"
          role="progressbar"
          aria-labelledby="import-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
      </div>
      {j && (
        <dl className="import-counts">
          <div>
            <dt>Created</dt>
            <dd>{j.created}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{j.updated}</dd>
          </div>
          <div>
            <dt>Skipped</dt>
            <dd>{j.skipped}</dd>
          </div>
          <div className={j.failed ? 'import-count-bad' : undefined}>
            <dt>Failed</dt>
            <dd>{j.failed}</dd>
          </div>
        </dl>
      )}
      {done && (
        <Alert
          tone={j.failed ? 'warning' : 'success'}
          title={j.failed ? `${j.failed} rows were not imported` : 'Every row was imported'}
        >
          {j.errorReportUrl && (
            <p>
              <a href={j.errorReportUrl} download="import-errors.csv">
                Download the error report
              </a>{' '}
              (CSV: row, column and problem), fix those rows and import them again.
            </p>
          )}
          <p>
            <Link to={`/${list}`}>Go to {list}</Link>
          </p>
        </Alert>
      )}
    </div>
  );
}
