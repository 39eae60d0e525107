import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { catalogApi, type ProductView } from '../../../../functions/catalog/contract';
import { settingsApi } from '../../../../functions/settings/contract';
import { errorMessage } from '../../shared/api';
import { useDocumentTitle } from '../../shared/hooks';
import { itemsOf, useApiList, useApiMutation, useApiQuery } from '../../shared/query';
import {
  Badge,
  Button,
  CellLabel,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  useToast,
} from '../../shared/ui';
import { CompanySearch } from '../company-search';
import { formatBps, formatMoney } from '../deals/money';
import { ExportButton } from '../export-button';
import { useWorkspace } from '../workspace';
import { CatalogNav } from './catalog-nav';
import { ProductForm } from './product-form';
import { ProductsImport } from './products-import';
import './catalog.css';

const PAGE_SIZE = 50;
const SHOWN = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Archived' },
  { value: '', label: 'All' },
] as const;

function ArchiveButton({ product }: { product: ProductView }) {
  const toast = useToast();
  const archive = useApiMutation(
    catalogApi.updateProduct,
    (active: boolean) => ({ params: { productId: product.productId }, body: { active }, version: product.version }),
    { invalidates: [catalogApi] },
  );
  const next = !product.active;
  return (
    <Button
      size="sm"
      variant="ghost"
      busy={archive.isPending}
      aria-label={`${next ? 'Restore' : 'Archive'} ${product.name}`}
      onClick={() =>
        archive.mutate(next, {
          onSuccess: () => toast(next ? `Restored ${product.name}` : `Archived ${product.name}`),
          onError: (e) => toast(`${product.name} could not be changed: ${errorMessage(e)}`, 'error'),
        })
      }
    >
      {next ? 'Restore' : 'Archive'}
    </Button>
  );
}

function ProductsTable({
  products,
  canWrite,
  onEdit,
}: {
  products: ProductView[];
  canWrite: boolean;
  onEdit: (p: ProductView) => void;
}) {
  return (
    <div className="table-wrap card">
      <table className="data-table responsive catalog-table" role="table" data-testid="products-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Code</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Tax
            </th>
            {canWrite && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.productId} role="row" className={p.active ? undefined : 'row-archived'}>
              <td className="cell-primary" role="cell">
                {canWrite ? (
                  <button type="button" className="link-button" onClick={() => onEdit(p)} title={p.name}>
                    {p.name}
                  </button>
                ) : (
                  p.name
                )}{' '}
                {!p.active && <Badge>Archived</Badge>}
              </td>
              <td className="cell-nowrap" role="cell">
                <CellLabel>Code</CellLabel>
                <code>{p.code}</code>
              </td>
              <td role="cell">
                <CellLabel>Category</CellLabel>
                {p.category ?? <span className="muted">—</span>}
              </td>
              <td className="num cell-nowrap" role="cell">
                <CellLabel>Price</CellLabel>
                {formatMoney(p.unitPrice)}
              </td>
              <td className="cell-nowrap" role="cell">
                <CellLabel>Unit</CellLabel>
                {p.unit}
              </td>
              <td className="num cell-nowrap" role="cell">
                <CellLabel>Tax</CellLabel>
                {formatBps(p.taxRateBps)}
              </td>
              {canWrite && (
                <td className="cell-actions catalog-actions" role="cell">
                  <ArchiveButton product={p} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/catalog`: the products and services quotes are built from; search, add, edit, archive, import, export. */
export function ProductsPage() {
  useDocumentTitle('Catalog');
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const shown = params.get('shown') ?? 'true';
  const active = shown === 'true' || shown === 'false' ? shown : undefined;
  const list = useApiList(catalogApi.listProducts, { query: { q: q || undefined, active, limit: PAGE_SIZE } });
  const suppliers = useApiQuery(catalogApi.listSuppliers, { query: { limit: 100 } });
  const workspace = useApiQuery(settingsApi.getWorkspace, {});
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const products = itemsOf(list.data);
  const ready = list.data !== undefined;
  const currency = workspace.data?.currency ?? 'GBP';
  const setShown = (value: string) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (value === 'true') p.delete('shown');
        else p.set('shown', value || 'all');
        return p;
      },
      { replace: true },
    );

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Catalog</PageHeading>
          <p className="page-sub">Products and services your quotes are built from, with their prices and tax rates.</p>
        </div>
        <div className="page-actions">
          <ExportButton
            request={{ kind: 'products', filters: { q: q || undefined, active } }}
            noun={{ one: 'product', other: 'products' }}
          />
          {canWrite && <Button onClick={() => setImporting(true)}>Import CSV</Button>}
          {canWrite && (
            <Button variant="primary" onClick={() => setEditing('new')} icon={<span aria-hidden="true">+</span>}>
              New product
            </Button>
          )}
        </div>
      </div>
      <CatalogNav />
      <div className="toolbar">
        <CompanySearch
          id="product-search"
          label="Search products"
          placeholder="Search by code or name…"
          searching={list.isFetching && !list.isFetchingNextPage}
        />
        <div className="chips" role="group" aria-label="Show">
          {SHOWN.map((s) => (
            <button
              key={s.label}
              type="button"
              className="chip"
              aria-pressed={(active ?? '') === s.value}
              onClick={() => setShown(s.value)}
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {list.isError && !ready ? (
        <div className="card">
          <ErrorState title="The catalog could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !ready ? (
        <Loading label="Loading the catalog…" />
      ) : products.length === 0 ? (
        <div className="card">
          {q || active === 'false' ? (
            <EmptyState
              title={q ? `No products match “${q}”` : 'Nothing archived'}
              action={
                <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>Show all active</Button>
              }
            >
              {q ? 'Search looks at the start of codes and names, whatever the case or accents.' : ''}
            </EmptyState>
          ) : (
            <EmptyState
              title="No products yet"
              action={
                canWrite ? (
                  <Button variant="primary" onClick={() => setEditing('new')}>
                    Add your first product
                  </Button>
                ) : undefined
              }
            >
              Add the products and services you sell, or import them from a spreadsheet, to quote from them.
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ProductsTable products={products} canWrite={canWrite} onEdit={setEditing} />
          {list.hasNextPage && (
            <div className="list-footer">
              <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more<span className="sr-only"> products</span>
              </Button>
            </div>
          )}
        </>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New product' : `Edit ${editing?.code ?? ''}`}
        size="lg"
      >
        {editing !== null && (
          <ProductForm
            key={editing === 'new' ? 'new' : `${editing.productId}-${editing.version}`}
            product={editing === 'new' ? undefined : editing}
            currency={currency}
            suppliers={suppliers.data?.items ?? []}
            onCancel={() => setEditing(null)}
            onSaved={(p) => {
              setEditing(null);
              toast(editing === 'new' ? `Added ${p.name}` : `Saved ${p.name}`);
            }}
          />
        )}
      </Dialog>
      <Dialog open={importing} onClose={() => setImporting(false)} title="Import products" size="lg">
        {importing && (
          <ProductsImport
            onDone={(r) => {
              setImporting(false);
              toast(`Imported: ${r.counts.create} added, ${r.counts.update} updated`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
