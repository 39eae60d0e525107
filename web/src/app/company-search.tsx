import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebouncedValue } from '../shared/hooks';
import { Spinner } from '../shared/ui';

function SearchFieldIcon() {
  return (
    <svg
      className="search-icon"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="M13 13l4.5 4.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The search box of a list (companies by default). What is typed reaches the URL's `?q=` once
 * typing pauses; a `q` changed from outside (back, a cleared filter) comes back into the field.
 */
export function CompanySearch({
  searching,
  id = 'company-search',
  label = 'Search companies',
  placeholder = 'Search by name…',
}: {
  searching: boolean;
  id?: string;
  label?: string;
  placeholder?: string;
}) {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debounced = useDebouncedValue(search.trim(), 300);
  const pushed = useRef(q);

  useEffect(() => {
    if (debounced === q) return;
    pushed.current = debounced;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced]);

  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setSearch(q);
    }
  }, [q]);

  return (
    <div className="search" role="search">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchFieldIcon />
      <input
        id={id}
        className="input"
        type="search"
        placeholder={placeholder}
        autoComplete="off"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            e.preventDefault();
            setSearch('');
          }
        }}
      />
      {searching && (search.trim() !== '' || q !== '') && (
        <span className="search-status">
          <Spinner size="sm" />
        </span>
      )}
    </div>
  );
}
