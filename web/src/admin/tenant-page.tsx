import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { adminApi, type TenantView } from '../../../functions/admin/contract';
import { ApiError } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { useApiQuery } from '../shared/query';
import {
  Alert,
  Button,
  ButtonLink,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  useToast,
} from '../shared/ui';
import { EditTenantForm } from './tenant-edit-form';
import { PlanBadge, StatusBadge } from './tenant-status';
import { SuspendTenantDialog } from './tenant-suspend-dialog';
import { TenantUsers } from './tenant-users';

const Breadcrumb = () => (
  <nav className="breadcrumb" aria-label="Breadcrumb">
    <Link to="/tenants">← All tenants</Link>
  </nav>
);

function TenantDetails({ tenant: t }: { tenant: TenantView }) {
  return (
    <section className="card card-pad" aria-labelledby="tenant-details-title">
      <h2 id="tenant-details-title" className="section-title" style={{ marginBottom: 8 }}>
        Details
      </h2>
      <dl className="details">
        {(
          [
            ['Name', t.name],
            ['Slug', <code key="s">{t.slug}</code>],
            ['Plan', <PlanBadge key="p" plan={t.plan} />],
            ['Status', <StatusBadge key="st" status={t.status} />],
            [
              'Owner email',
              <a key="o" href={`mailto:${t.ownerEmail}`}>
                {t.ownerEmail}
              </a>,
            ],
            ['Tenant id', <code key="i">{t.tenantId}</code>],
            ['Created', formatDateTime(t.createdAt)],
            ['Updated', formatDateTime(t.updatedAt)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** `/tenants/:tenantId`: the tenant's details, suspend/reactivate, and its users. */
export function TenantPage() {
  const { tenantId = '' } = useParams();
  const toast = useToast();
  const tenant = useApiQuery(adminApi.getTenant, { params: { tenantId } });
  const notFound = tenant.error instanceof ApiError && tenant.error.status === 404;
  useDocumentTitle(tenant.data?.name ?? (notFound ? 'Tenant not found' : 'Tenant'));
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);

  if (!tenant.data) {
    if (notFound) {
      return (
        <>
          <Breadcrumb />
          <PageHeading>Tenant not found</PageHeading>
          <EmptyState
            title="This tenant does not exist"
            action={
              <ButtonLink to="/tenants" variant="primary">
                Back to tenants
              </ButtonLink>
            }
          />
        </>
      );
    }
    return (
      <>
        <Breadcrumb />
        {tenant.error ? (
          <div className="card">
            <ErrorState
              title="This tenant could not be loaded"
              error={tenant.error}
              onRetry={() => void tenant.refetch()}
            />
          </div>
        ) : (
          <Loading label="Loading tenant…" />
        )}
      </>
    );
  }

  const t = tenant.data;
  return (
    <>
      <Breadcrumb />
      <div className="page-head">
        <div>
          <PageHeading>{t.name}</PageHeading>
          <div className="page-sub">
            <StatusBadge status={t.status} />
            <PlanBadge plan={t.plan} />
            <code>{t.slug}</code>
          </div>
        </div>
        <div className="row">
          <Button onClick={() => setEditing(true)}>Edit details</Button>
          {t.status === 'active' ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Suspend
            </Button>
          ) : (
            <Button variant="primary" onClick={() => setConfirming(true)}>
              Reactivate
            </Button>
          )}
        </div>
      </div>

      {t.status === 'suspended' && (
        <div style={{ marginBottom: 16 }}>
          <Alert tone="warning" title="This tenant is suspended">
            Its users cannot use Quoteflow until it is reactivated.
          </Alert>
        </div>
      )}

      <TenantDetails tenant={t} />
      <TenantUsers tenantId={t.tenantId} />

      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit tenant details" size="sm">
        {editing && (
          <EditTenantForm
            tenant={t}
            onCancel={() => setEditing(false)}
            onSaved={(updated) => {
              setEditing(false);
              toast(`${updated.name} was saved`);
            }}
          />
        )}
      </Dialog>

      <SuspendTenantDialog tenant={t} open={confirming} onClose={() => setConfirming(false)} />
    </>
  );
}
