import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CompanyView } from '../../../functions/companies/contract';
import type { Stage } from '../../../functions/shared/enums';
import { STAGE_LABELS } from '../shared/labels';
import { CellLabel, Skeleton } from '../shared/ui';
import { firstDirectionDesc, type Sort, type SortColumn } from './companies/sort';
import { StageBadge } from './stage-badge';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

const SORT_LABELS: Record<SortColumn, string> = {
  name: 'Name',
  stage: 'Stage',
  leadScore: 'Lead score',
  healthScore: 'Health score',
  updatedAt: 'Updated',
};

const COLUMNS: { column: SortColumn; label: string; num?: boolean }[] = [
  { column: 'name', label: 'Name' },
  { column: 'stage', label: 'Stage' },
  { column: 'leadScore', label: 'Lead score', num: true },
  { column: 'healthScore', label: 'Health score', num: true },
];

export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (companyId: string) => void;
  setAll: (companyIds: string[], on: boolean) => void;
}

function SkeletonRows({ cells }: { cells: number }) {
  return Array.from({ length: 6 }, (_, i) => (
    <tr key={i} className="skeleton-row" role="row">
      {Array.from({ length: cells }, (_, j) => (
        <td role="cell" key={j}>
          <Skeleton width={j === 0 ? `${55 + ((i * 17) % 35)}%` : '60%'} />
        </td>
      ))}
    </tr>
  ));
}

const score = (value: number | undefined, label: string) => (
  <td role="cell" className={value === undefined ? 'num cell-muted' : 'num'}>
    <CellLabel>{label}</CellLabel>
    {value ?? '—'}
  </td>
);

function CompanyRow({ company: c, selection }: { company: CompanyView; selection?: Selection }) {
  const { userName } = useWorkspace();
  return (
    <tr className="clickable" role="row">
      {selection && (
        <td role="cell" className="cell-select">
          <input
            type="checkbox"
            className="row-check"
            aria-label={`Select ${c.name}`}
            checked={selection.selected.has(c.companyId)}
            onChange={() => selection.toggle(c.companyId)}
          />
        </td>
      )}
      <td className="cell-primary" role="cell">
        {/* A long name or domain ends in "…" on one line; the whole of it is in the tooltip. */}
        <Link className="row-link truncate" to={`/companies/${c.companyId}`} title={c.name}>
          {c.name}
        </Link>
        {c.domain && (
          <span className="cell-domain truncate" title={c.domain}>
            {c.domain}
          </span>
        )}
      </td>
      <td role="cell">
        <CellLabel>Stage</CellLabel>
        <StageBadge stage={c.stage} />
      </td>
      {score(c.leadScore, 'Lead score')}
      {score(c.healthScore, 'Health score')}
      <td role="cell" className={c.ownerId ? 'cell-owner' : 'cell-owner cell-muted'}>
        <CellLabel>Owner</CellLabel>
        {userName(c.ownerId) ?? (c.ownerId ? 'Former user' : 'Unassigned')}
      </td>
      <td role="cell" className="cell-muted">
        <CellLabel>Updated</CellLabel>
        <TimeAgo iso={c.updatedAt} />
      </td>
    </tr>
  );
}

function SortHeader({
  column,
  label,
  num,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: string;
  num?: boolean;
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const active = sort.column === column;
  return (
    <th
      scope="col"
      className={num ? 'num' : undefined}
      aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ column, desc: active ? !sort.desc : firstDirectionDesc(column) })}
      >
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.desc ? '↓' : '↑') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Under 640px the header row is hidden (rows become cards): sorting and "select all" move here. */
function NarrowControls({ sort, onSort, allBox }: { sort: Sort; onSort: (s: Sort) => void; allBox?: ReactNode }) {
  return (
    <div className="table-narrow-controls">
      {allBox && <label className="narrow-select-all">{allBox} Select all</label>}
      <label className="narrow-sort">
        Sort by{' '}
        <select
          className="input select"
          value={`${sort.desc ? '-' : ''}${sort.column}`}
          onChange={(e) => {
            const desc = e.target.value.startsWith('-');
            onSort({ column: e.target.value.replace(/^-/, '') as SortColumn, desc });
          }}
        >
          {Object.entries(SORT_LABELS).flatMap(([column, label]) => [
            <option key={column} value={column}>
              {label}{' '}
              {column === 'updatedAt' ? '(oldest first)' : column.endsWith('Score') ? '(lowest first)' : '(A→Z)'}
            </option>,
            <option key={`-${column}`} value={`-${column}`}>
              {label}{' '}
              {column === 'updatedAt' ? '(newest first)' : column.endsWith('Score') ? '(highest first)' : '(Z→A)'}
            </option>,
          ])}
        </select>
      </label>
    </div>
  );
}

/**
 * The companies list as a table with sortable column headers and, for those who may change
 * companies, a checkbox per row; `companies` undefined while the first page loads (skeleton rows).
 */
export function CompaniesTable({
  companies,
  stage,
  q,
  sort,
  onSort,
  selection,
}: {
  companies: CompanyView[] | undefined;
  stage: Stage | undefined;
  q: string;
  sort: Sort;
  onSort: (s: Sort) => void;
  selection?: Selection;
}) {
  const ids = companies?.map((c) => c.companyId) ?? [];
  const chosen = selection ? ids.filter((id) => selection.selected.has(id)).length : 0;
  const allBox = (label?: string) =>
    selection && (
      <input
        type="checkbox"
        className="row-check"
        aria-label={label}
        checked={ids.length > 0 && chosen === ids.length}
        ref={(el) => {
          if (el) el.indeterminate = chosen > 0 && chosen < ids.length;
        }}
        disabled={ids.length === 0}
        onChange={(e) => selection.setAll(ids, e.target.checked)}
      />
    );
  return (
    <div className="table-wrap" aria-busy={companies === undefined}>
      <NarrowControls sort={sort} onSort={onSort} allBox={allBox()} />
      <table className="data-table responsive companies-table" role="table">
        <caption className="sr-only">
          Companies{stage ? ` at stage ${STAGE_LABELS[stage]}` : ''}
          {q ? ` matching “${q}”` : ''}
        </caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="cell-select">
                {allBox('Select all shown companies')}
              </th>
            )}
            {COLUMNS.map((c) => (
              <SortHeader key={c.column} {...c} sort={sort} onSort={onSort} />
            ))}
            <th scope="col">Owner</th>
            <SortHeader column="updatedAt" label="Updated" sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {companies ? (
            companies.map((c) => <CompanyRow key={c.companyId} company={c} selection={selection} />)
          ) : (
            <SkeletonRows cells={selection ? 7 : 6} />
          )}
        </tbody>
      </table>
      {companies === undefined && (
        <span className="sr-only" role="status">
          Loading companies…
        </span>
      )}
    </div>
  );
}
