import { useRef, useState } from 'react';
import { catalogApi, type SupplierView } from '../../../../functions/catalog/contract';
import { createSupplierSchema, updateSupplierSchema } from '../../../../functions/catalog/schema';
import { newIdempotencyKey } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { useDocumentTitle } from '../../shared/hooks';
import { useApiMutation, useApiQuery } from '../../shared/query';
import {
  Alert,
  Button,
  CellLabel,
  Dialog,
  EmptyState,
  ErrorState,
  FormDialogActions,
  Loading,
  PageHeading,
  TextField,
  useToast,
} from '../../shared/ui';
import { formatBps } from '../deals/money';
import { useWorkspace } from '../workspace';
import { CatalogNav } from './catalog-nav';
import './catalog.css';

interface SupplierValues {
  name: string;
  email: string;
  markup: string;
}

const percentToBps = (text: string) => (text.trim() === '' ? 0 : Math.round(Number(text) * 100));

function SupplierForm({
  supplier,
  onSaved,
  onCancel,
}: {
  supplier?: SupplierView;
  onSaved: (s: SupplierView) => void;
  onCancel: () => void;
}) {
  const editing = Boolean(supplier);
  const idempotencyKey = useRef(newIdempotencyKey());
  const toBody = (v: SupplierValues) => ({
    name: v.name,
    email: v.email.trim() ? v.email : editing ? null : undefined,
    markupBps: percentToBps(v.markup),
  });
  const { form, general, showApiError } = useContractForm<
    SupplierValues,
    typeof createSupplierSchema | typeof updateSupplierSchema
  >({
    schema: editing ? updateSupplierSchema : createSupplierSchema,
    defaultValues: {
      name: supplier?.name ?? '',
      email: supplier?.email ?? '',
      markup: supplier ? String(supplier.markupBps / 100) : '',
    },
    toBody: toBody as never,
    fieldFor: (path) => (path === 'markupBps' ? 'markup' : (['name', 'email'] as const).find((f) => f === path)),
  });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(
    catalogApi.createSupplier,
    (body: never) => ({ body, idempotencyKey: idempotencyKey.current }),
    { invalidates: [catalogApi] },
  );
  const update = useApiMutation(
    catalogApi.updateSupplier,
    (body: never) => ({ params: { supplierId: supplier!.supplierId }, body, version: supplier!.version }),
    { invalidates: [catalogApi] },
  );
  const save = form.handleSubmit(async (values) => {
    try {
      const body = toBody(values) as never;
      onSaved(editing ? await update.mutateAsync(body) : await create.mutateAsync(body));
    } catch (error) {
      await showApiError(error);
    }
  });
  return (
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <TextField
        label="Name"
        {...form.register('name')}
        error={fieldMessage(errors.name, 'Enter the supplier’s name')}
        aria-required="true"
        maxLength={200}
        autoComplete="off"
      />
      <TextField label="Orders email" optional type="email" {...form.register('email')} error={errors.email?.message} />
      <TextField
        label="Markup on cost (%)"
        inputMode="decimal"
        hint="Products bought from this supplier are priced at cost plus this, unless you type a price"
        {...form.register('markup')}
        error={fieldMessage(errors.markup, 'A percentage, like 18 or 12.5')}
        autoComplete="off"
      />
      <FormDialogActions
        submitLabel={editing ? 'Save supplier' : 'Add supplier'}
        saving={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}

/** `/catalog/suppliers`: who the workspace buys from, and the markup their products are priced at. */
export function SuppliersPage() {
  useDocumentTitle('Suppliers');
  const { canManageUsers: canManage } = useWorkspace();
  const toast = useToast();
  const list = useApiQuery(catalogApi.listSuppliers, { query: { limit: 100 } });
  const [editing, setEditing] = useState<SupplierView | 'new' | null>(null);
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Suppliers</PageHeading>
          <p className="page-sub">
            Who you buy from, with the markup on cost their products are priced at.
            {!canManage && ' Only owners and admins can change them.'}
          </p>
        </div>
        {canManage && (
          <div className="page-actions">
            <Button variant="primary" onClick={() => setEditing('new')} icon={<span aria-hidden="true">+</span>}>
              New supplier
            </Button>
          </div>
        )}
      </div>
      <CatalogNav />
      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Suppliers could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading suppliers…" />
      ) : list.data.items.length === 0 ? (
        <div className="card">
          <EmptyState
            title="No suppliers yet"
            action={
              canManage ? (
                <Button variant="primary" onClick={() => setEditing('new')}>
                  Add a supplier
                </Button>
              ) : undefined
            }
          >
            Add the distributors you buy hardware and licences from; products naming one are priced at cost plus its
            markup.
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap card">
          <table className="data-table responsive catalog-table" role="table" data-testid="suppliers-table">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col">Orders email</th>
                <th scope="col" className="num">
                  Markup
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.supplierId} role="row">
                  <td className="cell-primary" role="cell">
                    {canManage ? (
                      <button type="button" className="link-button" onClick={() => setEditing(s)}>
                        {s.name}
                      </button>
                    ) : (
                      s.name
                    )}
                  </td>
                  <td role="cell">
                    <CellLabel>Email</CellLabel>
                    {s.email ?? <span className="muted">—</span>}
                  </td>
                  <td className="num cell-nowrap" role="cell">
                    <CellLabel>Markup</CellLabel>
                    {formatBps(s.markupBps)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New supplier' : `Edit ${editing?.name ?? ''}`}
      >
        {editing !== null && (
          <SupplierForm
            supplier={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(s) => {
              setEditing(null);
              toast(editing === 'new' ? `Added ${s.name}` : `Saved ${s.name}`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
