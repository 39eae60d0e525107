import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { SearchHit } from '../../../../functions/search/contract';
import { errorMessage } from '../../shared/api';
import { useDebouncedValue } from '../../shared/hooks';
import { Spinner } from '../../shared/ui';
import { FieldIcon } from './field-icon';
import { hitHref, KIND_LABELS, searchPageHref } from './hits';
import { useSearch } from './use-search';
import './search.css';

const LIMIT = 8;

/** True when a key press is meant for the field the user is typing in, not a page shortcut. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The header's search box: an ARIA 1.2 combobox whose listbox shows the best hits as one types
 * (debounced), each with its kind, and a last option for every result on /search. Arrow keys
 * move, Enter opens, Escape closes (and clears when already closed); "/" or Ctrl/⌘+K focus it.
 */
export function HeaderSearch() {
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const navigate = useNavigate();
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebouncedValue(text.trim(), 200);
  const search = useSearch(q, LIMIT);
  const typed = text.trim();
  // Options: the hits, then "all results"; the hits are only those of what is typed now.
  const current = q === typed;
  const hits: SearchHit[] = current ? search.items : [];
  const optionCount = typed ? hits.length + 1 : 0;
  const expanded = open && typed !== '';
  const loading = expanded && search.enabled && (!current || search.isFetching);

  useEffect(() => setActive(-1), [q]);
  // A page change (a hit opened, back) closes the list.
  useEffect(() => setOpen(false), [location.pathname, location.search]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const shortcut = (e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey);
      if (shortcut || (e.key === '/' && !typingIn(e.target) && !e.altKey && !e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (index: number) => {
    const hit = hits[index];
    const to = hit ? hitHref(hit) : searchPageHref(typed);
    setOpen(false);
    if (hit) setText('');
    input.current?.blur();
    navigate(to);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!expanded) setOpen(true);
        else if (optionCount) setActive((a) => (a + 1) % optionCount);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!expanded) setOpen(true);
        else if (optionCount) setActive((a) => (a <= 0 ? optionCount - 1 : a - 1));
        break;
      case 'Enter':
        if (!typed) break;
        e.preventDefault();
        // Enter with nothing chosen opens the first hit, or the results page while none are in.
        go(active >= 0 ? active : hits.length ? 0 : hits.length);
        break;
      case 'Escape':
        e.preventDefault();
        if (expanded) setOpen(false);
        else setText('');
        break;
      case 'Home':
      case 'End':
        // The field's own caret moves, as the pattern recommends for an editable combobox.
        setActive(-1);
        break;
    }
  };

  const status = !expanded
    ? ''
    : loading
      ? 'Searching…'
      : search.isError
        ? 'Search failed'
        : hits.length === 0
          ? `No matches for “${typed}”`
          : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}; use the arrow keys to choose`;

  return (
    <div className="header-search" role="search">
      <label htmlFor={`${id}-input`} className="sr-only">
        Search companies, contacts and deals
      </label>
      <FieldIcon />
      <input
        ref={input}
        id={`${id}-input`}
        className="input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/ Control+K"
        placeholder="Search…"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {loading ? (
        <span className="search-status">
          <Spinner size="sm" />
        </span>
      ) : (
        !text && (
          <kbd className="search-shortcut" aria-hidden="true">
            /
          </kbd>
        )
      )}
      <ul id={listId} role="listbox" aria-label="Search results" className="search-popup" hidden={!expanded}>
        {hits.map((hit, i) => (
          <li
            key={`${hit.kind}:${hit.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={active === i}
            className="search-option"
            // mousedown, not click: the field's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              go(i);
            }}
            onMouseMove={() => setActive(i)}
          >
            <span className={`search-kind search-kind-${hit.kind}`}>{KIND_LABELS[hit.kind]}</span>
            <span className="search-option-text">
              <span className="search-title">{hit.title}</span>
              {hit.subtitle && <span className="search-subtitle">{hit.subtitle}</span>}
            </span>
          </li>
        ))}
        {expanded && !loading && hits.length === 0 && (
          <li role="presentation" className="search-empty">
            {search.isError ? `Search failed: ${errorMessage(search.error)}` : `No matches for “${typed}”`}
          </li>
        )}
        {typed && (
          <li
            id={optionId(hits.length)}
            role="option"
            aria-selected={active === hits.length}
            className="search-option search-all"
            onMouseDown={(e) => {
              e.preventDefault();
              go(hits.length);
            }}
            onMouseMove={() => setActive(hits.length)}
          >
            See all results for “{typed}”
          </li>
        )}
      </ul>
      <span className="sr-only" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
