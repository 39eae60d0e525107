import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../shared/api';
import { byPrefix, reloadLatest, requiredTextError, useSaveForm, type FieldErrors } from '../shared/forms';
import { formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle, usePagedList, useResource } from '../shared/hooks';
import { PLAN_LABELS, ROLE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { PLANS, type Plan, type Tenant, type User } from '../shared/types';
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  FormDialogActions,
  Loading,
  PageHeading,
  SelectField,
  TextField,
  useToast,
} from '../shared/ui';
import { PlanBadge, StatusBadge } from './tenant-status';

function TenantUsers({ tenantId }: { tenantId: string }) {
  const { list, more, loadMore } = usePagedList<User>(`/v1/admin/tenants/${encodeURIComponent(tenantId)}/users`, 100);

  return (
    <section aria-labelledby="users-title" style={{ marginTop: 24 }}>
      <div className="section-head">
        <h2 id="users-title" className="section-title">
          Users
          {list.data ? (
            <span className="muted">
              {' '}
              ({list.data.items.length}
              {list.data.cursor ? '+' : ''})
            </span>
          ) : null}
        </h2>
      </div>
      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Users could not be loaded" error={list.error} onRetry={list.reload} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading users…" />
      ) : list.data.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No users">This tenant has no users.</EmptyState>
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table responsive" role="table">
              <caption className="sr-only">Users of this tenant</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.userId} role="row">
                    <td className="cell-primary" role="cell">
                      <strong>{u.name}</strong>
                    </td>
                    <td role="cell">
                      <span className="cell-label" aria-hidden="true">
                        Email
                      </span>
                      <span className="break">{u.email}</span>
                    </td>
                    <td role="cell">
                      <span className="cell-label" aria-hidden="true">
                        Role
                      </span>
                      {ROLE_LABELS[u.role] ?? u.role}
                    </td>
                    <td role="cell">
                      <span className="cell-label" aria-hidden="true">
                        Status
                      </span>
                      <Badge tone={u.status === 'active' ? 'success' : 'warning'}>
                        {u.status === 'active' ? 'Active' : 'Invited'}
                      </Badge>
                    </td>
                    <td role="cell" className="cell-muted cell-nowrap">
                      <span className="cell-label" aria-hidden="true">
                        Added
                      </span>
                      {formatDate(u.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.cursor && (
            <div className="list-footer">
              {more.error && <Alert tone="error">{more.error}</Alert>}
              <Button onClick={loadMore} busy={more.busy}>
                Load more users
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Edits the tenant's name and plan (`PATCH /v1/admin/tenants/{id}` with only what changed and the
 * version it was read at). On 409 it loads the latest version into the form and says so.
 */
function EditTenantForm({
  tenant,
  onSaved,
  onCancel,
  fetchLatest,
}: {
  tenant: Tenant;
  onSaved: (tenant: Tenant) => void;
  onCancel: () => void;
  /** The tenant as stored now; also refreshes the page behind the dialog. */
  fetchLatest: () => Promise<Tenant>;
}) {
  const api = useApi();
  const toast = useToast();
  const [base, setBase] = useState(tenant);
  const [name, setName] = useState(tenant.name);
  const [plan, setPlan] = useState<Plan>(tenant.plan);
  const { form, errors, clearError, general, conflict, saving, submit } = useSaveForm({
    validate: (): FieldErrors => {
      const nameError = requiredTextError(name, 120, 'Enter the tenant’s name');
      return nameError ? { name: nameError } : {};
    },
    send: async () => {
      const trimmed = name.trim();
      const changes: { name?: string; plan?: Plan } = {};
      if (trimmed !== base.name) changes.name = trimmed;
      if (plan !== base.plan) changes.plan = plan;
      if (Object.keys(changes).length === 0) {
        toast('No changes to save', 'info');
        onCancel();
        return;
      }
      const updated = await api.patch<Tenant>(
        `/v1/admin/tenants/${encodeURIComponent(base.tenantId)}`,
        { ...changes, version: base.version },
        { version: base.version },
      );
      onSaved(updated);
    },
    fieldFor: byPrefix(['name', 'plan']),
    onConflict: () =>
      reloadLatest(
        fetchLatest,
        (latest) => {
          setBase(latest);
          setName(latest.name);
          setPlan(latest.plan);
          return `Someone else changed this tenant while you were editing. The form now shows the latest details (${latest.name}, ${PLAN_LABELS[latest.plan] ?? latest.plan} plan). Make your changes again and save.`;
        },
        {
          failed: (reason) =>
            `Someone else changed this tenant while you were editing, and the latest version could not be loaded: ${reason}`,
        },
      ),
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {conflict && (
        <Alert tone="warning" title="This tenant was changed by someone else">
          {conflict}
        </Alert>
      )}
      {general && (
        <Alert tone="error" title="The changes could not be saved">
          {general}
        </Alert>
      )}
      <TextField
        label="Tenant name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          clearError('name');
        }}
        error={errors.name}
        hint="The customer’s business name; their users see it in the app and in invitations"
        autoComplete="off"
        aria-required="true"
        maxLength={120}
      />
      <SelectField
        label="Plan"
        value={plan}
        onChange={(e) => {
          setPlan(e.target.value as Plan);
          clearError('plan');
        }}
        error={errors.plan}
        options={PLANS.map((p) => ({ value: p, label: PLAN_LABELS[p] }))}
        hint={`The slug (${base.slug}) cannot be changed.`}
      />
      <FormDialogActions submitLabel="Save changes" saving={saving} onCancel={onCancel} />
    </form>
  );
}

/** `/tenants/:tenantId`: the tenant's details, suspend/reactivate, and its users. */
export function TenantPage() {
  const { tenantId = '' } = useParams();
  const api = useApi();
  const toast = useToast();
  const tenant = useResource(
    (signal) => api.get<Tenant>(`/v1/admin/tenants/${encodeURIComponent(tenantId)}`, { signal }),
    [api, tenantId],
  );
  const notFound = tenant.error instanceof ApiError && tenant.error.status === 404;
  useDocumentTitle(tenant.data?.name ?? (notFound ? 'Tenant not found' : 'Tenant'));
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [editing, setEditing] = useState(false);

  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/tenants">← All tenants</Link>
    </nav>
  );

  if (!tenant.data) {
    if (notFound) {
      return (
        <>
          {back}
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
        {back}
        {tenant.error ? (
          <div className="card">
            <ErrorState title="This tenant could not be loaded" error={tenant.error} onRetry={tenant.reload} />
          </div>
        ) : (
          <Loading label="Loading tenant…" />
        )}
      </>
    );
  }

  const t = tenant.data;
  const suspending = t.status === 'active';

  const toggle = async () => {
    setState({ busy: true, error: null });
    try {
      const updated = await api.patch<Tenant>(
        `/v1/admin/tenants/${encodeURIComponent(t.tenantId)}`,
        { status: suspending ? 'suspended' : 'active' },
        { version: t.version },
      );
      tenant.setData(updated);
      setConfirming(false);
      setState({ busy: false, error: null });
      toast(suspending ? `${t.name} is suspended` : `${t.name} is active again`);
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        setConfirming(false);
        setState({ busy: false, error: null });
        tenant.reload();
        toast(
          'Someone else changed this tenant meanwhile. The latest version is shown now; check it and try again.',
          'error',
        );
        return;
      }
      setState({ busy: false, error: errorMessage(error) });
    }
  };

  return (
    <>
      {back}
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
          {suspending ? (
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

      <TenantUsers tenantId={t.tenantId} />

      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit tenant details" size="sm">
        {editing && (
          <EditTenantForm
            tenant={t}
            onCancel={() => setEditing(false)}
            onSaved={(updated) => {
              tenant.setData(updated);
              setEditing(false);
              toast(`${updated.name} was saved`);
            }}
            fetchLatest={async () => {
              const latest = await api.get<Tenant>(`/v1/admin/tenants/${encodeURIComponent(t.tenantId)}`);
              tenant.setData(latest);
              return latest;
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={confirming}
        title={suspending ? `Suspend ${t.name}?` : `Reactivate ${t.name}?`}
        confirmLabel={suspending ? 'Suspend tenant' : 'Reactivate tenant'}
        tone={suspending ? 'danger' : 'primary'}
        busy={state.busy}
        error={state.error}
        onConfirm={toggle}
        onCancel={() => {
          setConfirming(false);
          setState({ busy: false, error: null });
        }}
      >
        {suspending ? (
          <p>All of its users will be locked out until you reactivate it. Their data is kept.</p>
        ) : (
          <p>Its users will be able to sign in and work again.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
