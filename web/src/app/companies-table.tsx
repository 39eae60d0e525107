import { Link } from 'react-router-dom';
import type { CompanyView } from '../../../functions/companies/contract';
import type { Stage } from '../../../functions/shared/enums';
import { STAGE_LABELS } from '../shared/labels';
import { CellLabel, Skeleton } from '../shared/ui';
import { StageBadge } from './stage-badge';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

function SkeletonRows() {
  return Array.from({ length: 6 }, (_, i) => (
    <tr key={i} className="skeleton-row" role="row">
      <td role="cell">
        <Skeleton width={`${55 + ((i * 17) % 35)}%`} />
      </td>
      <td role="cell">
        <Skeleton width="80px" height="1.4em" />
      </td>
      <td role="cell">
        <Skeleton width="70%" />
      </td>
      <td role="cell">
        <Skeleton width="60%" />
      </td>
      <td role="cell">
        <Skeleton width="50%" />
      </td>
    </tr>
  ));
}

function CompanyRow({ company: c }: { company: CompanyView }) {
  const { userName } = useWorkspace();
  return (
    <tr className="clickable" role="row">
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
      <td role="cell" className={c.industry ? undefined : 'cell-muted'}>
        <CellLabel>Industry</CellLabel>
        {c.industry ?? '—'}
      </td>
      <td role="cell" className={c.ownerId ? undefined : 'cell-muted'}>
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

/** The companies list as a table; `companies` undefined while the first page loads (skeleton rows). */
export function CompaniesTable({
  companies,
  stage,
  q,
}: {
  companies: CompanyView[] | undefined;
  stage: Stage | undefined;
  q: string;
}) {
  return (
    <div className="table-wrap" aria-busy={companies === undefined}>
      <table className="data-table responsive" role="table">
        <caption className="sr-only">
          Companies{stage ? ` at stage ${STAGE_LABELS[stage]}` : ''}
          {q ? ` matching “${q}”` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Stage</th>
            <th scope="col">Industry</th>
            <th scope="col">Owner</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {companies ? companies.map((c) => <CompanyRow key={c.companyId} company={c} />) : <SkeletonRows />}
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
