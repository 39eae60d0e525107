import { useState } from 'react';
import { Link } from 'react-router-dom';
import { catalogApi, type PricingRuleView, type ProductView } from '../../../../functions/catalog/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { settingsApi } from '../../../../functions/settings/contract';
import { errorMessage } from '../../shared/api';
import { useDocumentTitle } from '../../shared/hooks';
import { useApiMutation, useApiQuery } from '../../shared/query';
import {
  Badge,
  Button,
  CellLabel,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  useToast,
} from '../../shared/ui';
import { formatBps, formatMoney } from '../deals/money';
import { useWorkspace } from '../workspace';
import { CatalogNav } from './catalog-nav';
import { KIND_LABELS, PricingRuleForm } from './pricing-rule-form';
import './catalog.css';

const KIND_TONES = { customer_price: 'sky', volume: 'violet', bundle: 'accent' } as const;

/** A company's name from the cache (or a fetch): rules name their company by id. */
function CompanyName({ companyId }: { companyId: string }) {
  const company = useApiQuery(companiesApi.get, { params: { companyId } });
  return <Link to={`/companies/${companyId}`}>{company.data?.name ?? '…'}</Link>;
}

/** What a rule applies to: its product(s), and its company for a customer price. */
function Target({ rule, productName }: { rule: PricingRuleView; productName: (id: string) => string }) {
  if (rule.kind === 'bundle')
    return (
      <>
        <strong>{rule.name}</strong>: {(rule.productIds ?? []).map(productName).join(' + ')}
      </>
    );
  return (
    <>
      {productName(rule.productId ?? '')}
      {rule.kind === 'customer_price' && rule.companyId && (
        <>
          {' '}
          <span className="muted">for</span> <CompanyName companyId={rule.companyId} />
        </>
      )}
    </>
  );
}

/** A rule's figures in a few words. */
function figures(rule: PricingRuleView): string {
  if (rule.kind === 'customer_price' && rule.unitPrice) return `${formatMoney(rule.unitPrice)} a unit`;
  if (rule.kind === 'volume')
    return (rule.tiers ?? []).map((t) => `from ${t.minQuantity}: ${formatMoney(t.unitPrice)}`).join(' · ');
  if (rule.kind === 'bundle' && rule.discountBps !== undefined)
    return `${formatBps(rule.discountBps)} off when all are on the quote`;
  return '';
}

/** `/catalog/pricing-rules`: customer prices, volume tiers and bundle discounts, applied as pricing.ts says. */
export function PricingRulesPage() {
  useDocumentTitle('Pricing rules');
  const { canManageUsers: canManage } = useWorkspace();
  const toast = useToast();
  const list = useApiQuery(catalogApi.listPricingRules, { query: { limit: 100 } });
  const products = useApiQuery(catalogApi.listProducts, { query: { limit: 100 } });
  const companies = useApiQuery(companiesApi.list, { query: { limit: 100 } }, { enabled: canManage });
  const workspace = useApiQuery(settingsApi.getWorkspace, {});
  const [editing, setEditing] = useState<PricingRuleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PricingRuleView | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useApiMutation(
    catalogApi.removePricingRule,
    (rule: PricingRuleView) => ({ params: { ruleId: rule.ruleId } }),
    { invalidates: [catalogApi] },
  );

  const productItems: ProductView[] = products.data?.items ?? [];
  const productName = (id: string) => productItems.find((p) => p.productId === id)?.name ?? 'a product';
  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.companyId, label: c.name }));
  // A rule's company may be beyond the first page of companies: keep it choosable when editing.
  if (editing && editing !== 'new' && editing.companyId && !companyOptions.some((o) => o.value === editing.companyId))
    companyOptions.push({ value: editing.companyId, label: 'The current company' });
  const ruleLabel = (r: PricingRuleView) =>
    r.kind === 'bundle'
      ? (r.name ?? 'bundle')
      : `${KIND_LABELS[r.kind].toLowerCase()} of ${productName(r.productId ?? '')}`;

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteError(null);
    try {
      await remove.mutateAsync(deleting);
      toast(`Deleted the ${ruleLabel(deleting)} rule`);
      setDeleting(null);
    } catch (error) {
      setDeleteError(errorMessage(error));
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Pricing rules</PageHeading>
          <p className="page-sub">
            Prices that differ from the list: one customer’s own price, volume tiers, bundle discounts. A price typed on
            a quote line beats a customer price, which beats volume tiers, which beat the list price.
            {!canManage && ' Only owners and admins can change them.'}
          </p>
        </div>
        {canManage && (
          <div className="page-actions">
            <Button
              variant="primary"
              onClick={() => setEditing('new')}
              icon={<span aria-hidden="true">+</span>}
              disabled={!products.data}
            >
              New rule
            </Button>
          </div>
        )}
      </div>
      <CatalogNav />
      {list.error && !list.data ? (
        <div className="card">
          <ErrorState
            title="Pricing rules could not be loaded"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        </div>
      ) : !list.data ? (
        <Loading label="Loading pricing rules…" />
      ) : list.data.items.length === 0 ? (
        <div className="card">
          <EmptyState
            title="No pricing rules yet"
            action={
              canManage ? (
                <Button variant="primary" onClick={() => setEditing('new')} disabled={!products.data}>
                  Add a rule
                </Button>
              ) : undefined
            }
          >
            Every quote line is priced from the catalog’s list price. Add a rule for a customer with its own price, a
            cheaper unit from a quantity up, or a discount when products are bought together.
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap card">
          <table className="data-table responsive catalog-table" role="table" data-testid="pricing-rules-table">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Applies to</th>
                <th scope="col">Price or discount</th>
                <th scope="col">Status</th>
                {canManage && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((rule) => (
                <tr key={rule.ruleId} role="row" className={rule.active ? undefined : 'row-archived'}>
                  <td role="cell">
                    <Badge tone={KIND_TONES[rule.kind]}>{KIND_LABELS[rule.kind]}</Badge>
                  </td>
                  <td className="cell-primary" role="cell">
                    <CellLabel>Applies to</CellLabel>
                    <Target rule={rule} productName={productName} />
                  </td>
                  <td role="cell">
                    <CellLabel>Price or discount</CellLabel>
                    {figures(rule)}
                  </td>
                  <td role="cell">
                    <CellLabel>Status</CellLabel>
                    {rule.active ? 'Active' : <span className="muted">Off</span>}
                  </td>
                  {canManage && (
                    <td role="cell" className="catalog-actions cell-nowrap">
                      <Button
                        size="sm"
                        onClick={() => setEditing(rule)}
                        aria-label={`Edit the ${ruleLabel(rule)} rule`}
                      >
                        Edit
                      </Button>{' '}
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(rule);
                        }}
                        aria-label={`Delete the ${ruleLabel(rule)} rule`}
                      >
                        Delete
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New pricing rule' : 'Edit pricing rule'}
        size="lg"
      >
        {editing !== null && (
          <PricingRuleForm
            rule={editing === 'new' ? undefined : editing}
            currency={workspace.data?.currency ?? 'GBP'}
            products={productItems}
            companies={companyOptions}
            onCancel={() => setEditing(null)}
            onSaved={(r) => {
              setEditing(null);
              toast(editing === 'new' ? `Added the ${ruleLabel(r)} rule` : `Saved the ${ruleLabel(r)} rule`);
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this pricing rule?"
        confirmLabel="Delete rule"
        busy={remove.isPending}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (
          <p>The {ruleLabel(deleting)} rule stops applying to new prices. Quotes already priced keep their prices.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
