import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { companiesApi, type CompanyView } from '../../../../functions/companies/contract';
import type { MergeView } from '../../../../functions/merges/contract';
import { errorMessage } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { useDebouncedValue, useDocumentTitle } from '../../shared/hooks';
import { useApiQuery } from '../../shared/query';
import { Alert, Button, ButtonLink, ErrorState, Loading, PageHeading } from '../../shared/ui';
import { StageBadge } from '../stage-badge';
import { useWorkspace } from '../workspace';
import { companyRows } from './company-rows';
import { MergeFields, movedText, type Side } from './merge-fields';
import { useMerge, useUndoMerge } from './use-merge';

/** Step one: find the other company by name, domain or number. */
function PickCompany({ target, onPick }: { target: CompanyView; onPick: (id: string) => void }) {
  const [q, setQ] = useState('');
  const typed = useDebouncedValue(q.trim(), 300);
  const found = useApiQuery(companiesApi.list, { query: { q: typed, limit: 10 } }, { enabled: typed.length > 0 });
  const others = (found.data?.items ?? []).filter((c) => c.companyId !== target.companyId);
  return (
    <section className="card card-pad stack" aria-labelledby="merge-pick">
      <h2 id="merge-pick" className="section-title">
        Which company is the duplicate?
      </h2>
      <p className="muted">
        It will be merged into <strong>{target.name}</strong>: its contacts, activities, analyses and history move here,
        and it is removed. You can undo this for 30 days.
      </p>
      <div className="field">
        <label htmlFor="merge-search">Search companies</label>
        <input
          id="merge-search"
          className="input"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Name, domain or company number"
          autoComplete="off"
        />
      </div>
      {found.isFetching && <Loading label="Searching…" />}
      {typed && !found.isFetching && others.length === 0 && (
        <p className="muted">No other company matches “{typed}”.</p>
      )}
      {others.length > 0 && (
        <ul className="merge-results" aria-label="Matching companies">
          {others.map((c) => (
            <li key={c.companyId}>
              <button type="button" className="merge-result" onClick={() => onPick(c.companyId)}>
                <span className="merge-result-name">{c.name}</span>
                <span className="merge-result-meta">
                  <StageBadge stage={c.stage} />
                  {c.domain && <span>{c.domain}</span>}
                  {c.companyNumber && <span>No. {c.companyNumber}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The outcome, with its undo. */
function MergeResult({ merge, target }: { merge: MergeView; target: CompanyView }) {
  const undo = useUndoMerge();
  const undone = undo.data?.state === 'undone';
  return (
    <div className="stack">
      {undone ? (
        <Alert tone="success" title="Merge undone">
          <strong>{merge.sourceName}</strong> is back with its contacts, activities and history.{' '}
          <Link to={`/companies/${merge.sourceId}`}>Open {merge.sourceName}</Link>
        </Alert>
      ) : (
        <Alert
          tone="success"
          title={`${merge.sourceName} was merged into ${target.name}`}
          actions={
            <Button size="sm" busy={undo.isPending} onClick={() => undo.mutate(merge.mergeId)}>
              Undo merge
            </Button>
          }
        >
          Moved {movedText(merge.counts)}. You can undo this until {formatDateTime(merge.undoUntil!)}, here or from the
          timeline.
        </Alert>
      )}
      {undo.error ? (
        <Alert tone="error" title="The merge could not be undone">
          {errorMessage(undo.error)}
        </Alert>
      ) : null}
      <div className="row">
        <ButtonLink to={`/companies/${target.companyId}`} variant="primary">
          Open {target.name}
        </ButtonLink>
      </div>
    </div>
  );
}

/** `/companies/:companyId/merge`: pick the duplicate, choose each field's value, confirm, and undo if need be. */
export function MergeCompaniesPage() {
  const { companyId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const sourceId = params.get('with') ?? '';
  const { userName } = useWorkspace();
  const target = useApiQuery(companiesApi.get, { params: { companyId } });
  const source = useApiQuery(companiesApi.get, { params: { companyId: sourceId } }, { enabled: !!sourceId });
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const merge = useMerge('company');
  useDocumentTitle(target.data ? `Merge into ${target.data.name}` : 'Merge companies');

  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={`/companies/${companyId}`}>← {target.data?.name ?? 'Company'}</Link>
    </nav>
  );
  if (target.error) {
    return (
      <>
        {back}
        <PageHeading>Merge companies</PageHeading>
        <ErrorState
          title="This company could not be loaded"
          error={target.error}
          onRetry={() => void target.refetch()}
        />
      </>
    );
  }
  if (!target.data) return <Loading label="Loading company…" />;
  const t = target.data;
  const pick = (id: string) => {
    setChoices({});
    setParams(id ? { with: id } : {}, { replace: true });
  };

  return (
    <>
      {back}
      <div className="page-head">
        <PageHeading>Merge a duplicate into {t.name}</PageHeading>
      </div>
      {merge.data ? (
        <MergeResult merge={merge.data} target={t} />
      ) : !sourceId ? (
        <PickCompany target={t} onPick={pick} />
      ) : source.error ? (
        <ErrorState title="That company could not be loaded" error={source.error} onRetry={() => pick('')} />
      ) : !source.data ? (
        <Loading label="Loading the other company…" />
      ) : (
        <section className="card card-pad stack" aria-labelledby="merge-choose">
          <h2 id="merge-choose" className="section-title">
            Choose what to keep
          </h2>
          <p className="muted">
            <strong>{source.data.name}</strong> will be merged into <strong>{t.name}</strong>. Where they differ, pick
            the value to keep; everything else of {source.data.name} — contacts, activities, analyses and history —
            moves to {t.name}.
          </p>
          <MergeFields
            rows={companyRows(t, source.data, userName)}
            targetName={t.name}
            sourceName={source.data.name}
            choices={choices}
            onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
          />
          {merge.error ? (
            <Alert tone="error" title="The companies could not be merged">
              {errorMessage(merge.error)}
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button onClick={() => pick('')}>Choose another company</Button>
            <Button
              variant="primary"
              busy={merge.isPending}
              onClick={() =>
                merge.mutate({
                  targetId: t.companyId,
                  sourceId: source.data!.companyId,
                  fields: choices,
                  version: t.version,
                })
              }
            >
              Merge companies
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
