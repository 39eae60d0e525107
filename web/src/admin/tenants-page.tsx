import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle, usePagedList } from '../shared/hooks';
import type { Tenant } from '../shared/types';
import { Alert, BuildingIcon, Button, ButtonLink, EmptyState, ErrorState, PageHeading, Skeleton } from '../shared/ui';
import { PlanBadge, StatusBadge } from './tenant-status';

const PAGE_SIZE = 25;

/** `/tenants`: every tenant, oldest first, with cursor pagination. */
export function TenantsPage() {
  useDocumentTitle('Tenants');
  const { list, more, loadMore } = usePagedList<Tenant>('/v1/admin/tenants', PAGE_SIZE);

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Tenants</PageHeading>
          <p className="page-sub">Every customer workspace on the platform.</p>
        </div>
        <ButtonLink to="/tenants/new" variant="primary" icon={<span aria-hidden="true">+</span>}>
          New tenant
        </ButtonLink>
      </div>

      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Tenants could not be loaded" error={list.error} onRetry={list.reload} />
        </div>
      ) : list.data && list.data.items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<BuildingIcon />}
            title="No tenants yet"
            action={
              <ButtonLink to="/tenants/new" variant="primary">
                Create the first tenant
              </ButtonLink>
            }
          >
            A tenant is one customer's workspace. Its owner gets an invitation by email.
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap" aria-busy={!list.data}>
          <table className="data-table responsive" role="table">
            <caption className="sr-only">Tenants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {!list.data
                ? Array.from({ length: 4 }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      <td role="cell">
                        <Skeleton width="70%" />
                      </td>
                      <td role="cell">
                        <Skeleton width="60%" />
                      </td>
                      <td role="cell">
                        <Skeleton width="60px" />
                      </td>
                      <td role="cell">
                        <Skeleton width="60px" />
                      </td>
                      <td role="cell">
                        <Skeleton width="90px" />
                      </td>
                    </tr>
                  ))
                : list.data.items.map((t) => (
                    <tr key={t.tenantId} className="clickable" role="row">
                      <td className="cell-primary" role="cell">
                        <Link className="row-link" to={`/tenants/${t.tenantId}`}>
                          {t.name}
                        </Link>
                      </td>
                      <td role="cell">
                        <span className="cell-label" aria-hidden="true">
                          Slug
                        </span>
                        <code>{t.slug}</code>
                      </td>
                      <td role="cell">
                        <span className="cell-label" aria-hidden="true">
                          Plan
                        </span>
                        <PlanBadge plan={t.plan} />
                      </td>
                      <td role="cell">
                        <span className="cell-label" aria-hidden="true">
                          Status
                        </span>
                        <StatusBadge status={t.status} />
                      </td>
                      <td role="cell" className="cell-muted">
                        <span className="cell-label" aria-hidden="true">
                          Created
                        </span>
                        <time dateTime={t.createdAt} title={formatDateTime(t.createdAt)}>
                          {formatDate(t.createdAt)}
                        </time>
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
          {!list.data && (
            <span className="sr-only" role="status">
              Loading tenants…
            </span>
          )}
        </div>
      )}

      {list.data && list.data.items.length > 0 && (
        <div className="list-footer">
          {more.error && <Alert tone="error">{more.error}</Alert>}
          {list.data.cursor ? (
            <Button onClick={loadMore} busy={more.busy}>
              Load more
            </Button>
          ) : (
            <p className="count-line">
              {list.data.items.length === 1
                ? 'Showing the only tenant'
                : `Showing all ${list.data.items.length} tenants`}
            </p>
          )}
        </div>
      )}
    </>
  );
}
