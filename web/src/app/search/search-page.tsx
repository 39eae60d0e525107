import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { SEARCH_KINDS } from '../../../../functions/search/schema';
import { useDocumentTitle } from '../../shared/hooks';
import { EmptyState, ErrorState, Loading, PageHeading, SearchIcon } from '../../shared/ui';
import { FieldIcon } from './field-icon';
import { hitHref, KIND_LABELS, KIND_PLURALS } from './hits';
import { searchable, useSearch } from './use-search';

/** The most the API answers in one search; the page says when there may be more. */
const LIMIT = 50;

/** `/search?q=`: every hit of a query (up to 50), grouped by kind, best first within each. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useDocumentTitle(q ? `Search: ${q}` : 'Search');
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const search = useSearch(q, LIMIT);
  const groups = SEARCH_KINDS.map((kind) => ({ kind, hits: search.items.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  );

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>{q ? `Results for “${q}”` : 'Search'}</PageHeading>
          <p className="page-sub">
            Companies, contacts and deals whose name, domain, email or phone has a word starting with each word you
            type. Case and accents do not matter.
          </p>
        </div>
      </div>
      <form
        className="search search-page-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {});
        }}
      >
        <label htmlFor="search-page-q" className="sr-only">
          Search
        </label>
        <FieldIcon />
        <input
          id="search-page-q"
          className="input"
          type="search"
          value={text}
          placeholder="Search…"
          onChange={(e) => setText(e.target.value)}
        />
      </form>
      <p className="sr-only" role="status" aria-live="polite">
        {search.data && q ? `${search.items.length} results` : ''}
      </p>
      {!q || !searchable(q) ? (
        <div className="card">
          <EmptyState icon={<SearchIcon />} title="Type what you are looking for">
            A word or the start of one: “logist” finds Brightwater Logistics, “zaklad” finds Zakład.
          </EmptyState>
        </div>
      ) : search.isError && !search.data ? (
        <div className="card">
          <ErrorState title="Search failed" error={search.error} onRetry={() => void search.refetch()} />
        </div>
      ) : !search.data || (search.isPlaceholderData && search.isFetching) ? (
        <Loading label="Searching…" />
      ) : groups.length === 0 ? (
        <div className="card">
          <EmptyState icon={<SearchIcon />} title={`No matches for “${q}”`}>
            Each word must start a word of a name, domain, email or phone. Check the spelling or try fewer letters.
          </EmptyState>
        </div>
      ) : (
        <>
          {groups.map(({ kind, hits }) => (
            <section key={kind} className="card search-group" aria-labelledby={`search-group-${kind}`}>
              <h2 id={`search-group-${kind}`} className="search-group-title">
                {KIND_PLURALS[kind]} <span className="count-pill">{hits.length}</span>
              </h2>
              <ul className="search-results">
                {hits.map((hit) => (
                  <li key={hit.id}>
                    <Link to={hitHref(hit)} className="search-result">
                      <span className={`search-kind search-kind-${kind}`}>{KIND_LABELS[kind]}</span>
                      <span className="search-option-text">
                        <span className="search-title">{hit.title}</span>
                        {hit.subtitle && <span className="search-subtitle">{hit.subtitle}</span>}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {search.items.length >= LIMIT && (
            <p className="count-line">Showing the best {LIMIT} matches; add a word to narrow them down.</p>
          )}
        </>
      )}
    </>
  );
}
