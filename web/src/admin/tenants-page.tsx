import { Link } from 'react-router-dom';
import { adminApi } from '../../../functions/admin/contract';
import { errorMessage } from '../shared/api';
import { formatDate, formatDateTime, showingCount } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { itemsOf, useApiList } from '../shared/query';
import {
  Alert,
  BuildingIcon,
  Button,
  ButtonLink,
  CellLabel,
  EmptyState,
  ErrorState,
  PageHeading,
  Skeleton,
} from '../shared/ui';
import { PlanBadge, StatusBadge } from './tenant-status';

const PAGE_SIZE = 25;

/** `/tenants`: every tenant, oldest first, with cursor pagination. */
export function TenantsPage() {
  useDocumentTitle('Tenants');
  const list = useApiList(adminApi.listTenants, { query: { limit: PAGE_SIZE } });
  const tenants = list.data ? itemsOf(list.data) : undefined;

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

      {list.error && !tenants ? (
        <div className="card">
          <ErrorState title="Tenants could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : tenants && tenants.length === 0 ? (
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
        <div className="table-wrap" aria-busy={!tenants}>
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
              {!tenants
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
                : tenants.map((t) => (
                    <tr key={t.tenantId} className="clickable" role="row">
                      <td className="cell-primary" role="cell">
                        <Link className="row-link" to={`/tenants/${t.tenantId}`}>
                          {t.name}
                        </Link>
                      </td>
                      <td role="cell">
                        <CellLabel>Slug</CellLabel>
                        <code>{t.slug}</code>
                      </td>
                      <td role="cell">
                        <CellLabel>Plan</CellLabel>
                        <PlanBadge plan={t.plan} />
                      </td>
                      <td role="cell">
                        <CellLabel>Status</CellLabel>
                        <StatusBadge status={t.status} />
                      </td>
                      <td role="cell" className="cell-muted">
                        <CellLabel>Created</CellLabel>
                        <time dateTime={t.createdAt} title={formatDateTime(t.createdAt)}>
                          {formatDate(t.createdAt)}
                        </time>
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
          {!tenants && (
            <span className="sr-only" role="status">
              Loading tenants…
            </span>
          )}
        </div>
      )}

      {tenants && tenants.length > 0 && (
        <div className="list-footer">
          {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <p className="count-line">{showingCount(tenants.length, { one: 'tenant', other: 'tenants' })}</p>
          )}
        </div>
      )}
    </>
  );
}
