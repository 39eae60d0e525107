import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { companiesApi, type CompanyView } from '../../../../functions/companies/contract';
import { errorMessage } from '../../shared/api';
import { useDebouncedValue } from '../../shared/hooks';
import { useApiQuery } from '../../shared/query';
import { Alert, Skeleton, Spinner } from '../../shared/ui';

/** Picks the company a test runs against: a name search over `GET /v1/companies?q=`. */
export function CompanyPicker({
  selected,
  onSelect,
  inputId,
}: {
  selected: CompanyView | null;
  onSelect: (c: CompanyView) => void;
  /** The search field's id (a run without a company focuses it). */
  inputId: string;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const results = useApiQuery(companiesApi.list, { query: { q, limit: 6 } });
  const items = results.data?.items ?? [];

  return (
    <div className="field company-picker">
      <div className="field-label">
        <label htmlFor={inputId}>Company</label>
      </div>
      <div className="search" role="search">
        <svg
          className="search-icon"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4 4" />
        </svg>
        <input
          id={inputId}
          className="input"
          type="search"
          placeholder="Search by name…"
          autoComplete="off"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-controls={`${id}-results`}
        />
        {results.isFetching && results.data === undefined && (
          <span className="search-status">
            <Spinner size="sm" />
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {selected ? (
          <>
            Runs against <strong>{selected.name}</strong>. Nothing about it is changed.
          </>
        ) : (
          'Choose the company whose data fills in the variables.'
        )}
      </p>
      <ul
        id={`${id}-results`}
        className="company-options"
        aria-label="Matching companies"
        aria-busy={results.isFetching}
      >
        {results.error ? (
          <li>
            <Alert tone="error">
              The companies could not be loaded: {errorMessage(results.error)}{' '}
              <button type="button" className="link-button" onClick={() => void results.refetch()}>
                Try again
              </button>
            </Alert>
          </li>
        ) : !results.data ? (
          Array.from({ length: 3 }, (_, i) => (
            <li key={i}>
              <Skeleton width="70%" />
            </li>
          ))
        ) : items.length === 0 ? (
          <li className="muted">
            {q ? (
              <>No company name starts with “{q}”.</>
            ) : (
              <>
                There are no companies yet. <Link to="/companies/new">Add a company</Link> to test prompts against it.
              </>
            )}
          </li>
        ) : (
          items.map((c) => (
            <li key={c.companyId}>
              <button
                type="button"
                className="company-option"
                aria-pressed={selected?.companyId === c.companyId}
                onClick={() => onSelect(c)}
              >
                <span className="company-option-check" aria-hidden="true">
                  {selected?.companyId === c.companyId ? '✓' : ''}
                </span>
                <span className="company-option-name">{c.name}</span>
                {c.domain && <span className="muted company-option-domain">{c.domain}</span>}
              </button>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
