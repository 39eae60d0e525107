import { useRef } from 'react';
import { useFieldArray } from 'react-hook-form';
import { catalogApi, type PricingRuleView, type ProductView } from '../../../../functions/catalog/contract';
import { updatePricingRuleSchema } from '../../../../functions/catalog/schema';
import { pricingRuleInput } from '../../../../functions/quotes/pricing-schema';
import { newIdempotencyKey } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { useApiMutation } from '../../shared/query';
import { Alert, Button, FormDialogActions, SelectField, TextField, type Option } from '../../shared/ui';
import { toMajorText, toMinorUnits } from '../deals/money';

export type RuleKind = PricingRuleView['kind'];

export const KIND_LABELS: Record<RuleKind, string> = {
  customer_price: 'Customer price',
  volume: 'Volume tiers',
  bundle: 'Bundle discount',
};

interface RuleValues {
  kind: RuleKind;
  active: boolean;
  companyId: string;
  productId: string;
  unitPrice: string;
  tiers: { minQuantity: string; unitPrice: string }[];
  name: string;
  productIds: { productId: string }[];
  discount: string;
}

const emptyTier = { minQuantity: '', unitPrice: '' };

/** The form's own text for a quantity: '' stays NaN so the schema names the field. */
const quantityOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(/,/g, '')));
/** "12.5" (%) → 1250 basis points. */
const percentToBps = (text: string) => (text.trim() === '' ? Number.NaN : Math.round(Number(text) * 100));

/** Which form field shows a problem at this body path (`tiers.1.unitPrice.amount` → `tiers.1.unitPrice`). */
function fieldFor(path: string): string | undefined {
  const tier = /^tiers\.(\d+)\.(minQuantity|unitPrice)/.exec(path);
  if (tier) return `tiers.${tier[1]}.${tier[2]}`;
  const product = /^productIds\.(\d+)/.exec(path);
  if (product) return `productIds.${product[1]}.productId`;
  if (path === 'tiers' || path === 'productIds') return `${path}.root`;
  if (path.startsWith('unitPrice')) return 'unitPrice';
  if (path === 'discountBps') return 'discount';
  return ['kind', 'companyId', 'productId', 'name'].includes(path) ? path : undefined;
}

/**
 * A pricing rule's form, checked by the contract's schema: the kind decides which fields show
 * and which the body carries. Amounts are typed in the rule's currency (the workspace's for a new one).
 */
export function PricingRuleForm({
  rule,
  currency,
  products,
  companies,
  onSaved,
  onCancel,
}: {
  rule?: PricingRuleView;
  currency: string;
  products: ProductView[];
  companies: Option[];
  onSaved: (r: PricingRuleView) => void;
  onCancel: () => void;
}) {
  const editing = Boolean(rule);
  const ruleCurrency = rule?.unitPrice?.currency ?? rule?.tiers?.[0]?.unitPrice.currency ?? currency;
  const idempotencyKey = useRef(newIdempotencyKey());
  const money = (text: string) => ({ amount: toMinorUnits(text, ruleCurrency), currency: ruleCurrency });
  const toBody = (v: RuleValues) => {
    switch (v.kind) {
      case 'customer_price':
        return {
          kind: v.kind,
          companyId: v.companyId,
          productId: v.productId,
          unitPrice: money(v.unitPrice),
          active: v.active,
        };
      case 'volume':
        return {
          kind: v.kind,
          productId: v.productId,
          tiers: v.tiers.map((t) => ({ minQuantity: quantityOf(t.minQuantity), unitPrice: money(t.unitPrice) })),
          active: v.active,
        };
      case 'bundle':
        return {
          kind: v.kind,
          name: v.name,
          productIds: v.productIds.map((p) => p.productId),
          discountBps: percentToBps(v.discount),
          active: v.active,
        };
    }
  };
  const { form, general, showApiError } = useContractForm<
    RuleValues,
    typeof pricingRuleInput | typeof updatePricingRuleSchema
  >({
    schema: editing ? updatePricingRuleSchema : pricingRuleInput,
    defaultValues: {
      kind: rule?.kind ?? 'customer_price',
      active: rule?.active ?? true,
      companyId: rule?.companyId ?? '',
      productId: rule?.productId ?? '',
      unitPrice: rule?.unitPrice ? toMajorText(rule.unitPrice) : '',
      tiers: rule?.tiers?.length
        ? rule.tiers.map((t) => ({ minQuantity: String(t.minQuantity), unitPrice: toMajorText(t.unitPrice) }))
        : [{ ...emptyTier }],
      name: rule?.name ?? '',
      productIds: rule?.productIds?.length
        ? rule.productIds.map((productId) => ({ productId }))
        : [{ productId: '' }, { productId: '' }],
      discount: rule?.discountBps !== undefined ? String(rule.discountBps / 100) : '',
    },
    toBody: toBody as never,
    fieldFor: fieldFor as never,
  });
  const tiers = useFieldArray({ control: form.control, name: 'tiers' });
  const bundle = useFieldArray({ control: form.control, name: 'productIds' });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const create = useApiMutation(
    catalogApi.createPricingRule,
    (body: never) => ({ body, idempotencyKey: idempotencyKey.current }),
    { invalidates: [catalogApi] },
  );
  const update = useApiMutation(
    catalogApi.updatePricingRule,
    (body: never) => ({ params: { ruleId: rule!.ruleId }, body, version: rule!.version }),
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

  const productOptions: Option[] = [
    { value: '', label: 'Choose a product' },
    ...products.map((p) => ({ value: p.productId, label: `${p.name} (${p.code})` })),
  ];
  const amountHint = `In ${ruleCurrency}, before tax`;
  return (
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <SelectField
        label="Kind"
        {...form.register('kind')}
        error={errors.kind?.message}
        options={(Object.keys(KIND_LABELS) as RuleKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        hint={
          kind === 'customer_price'
            ? 'One company pays its own price for a product.'
            : kind === 'volume'
              ? 'From a quantity up, each unit costs less.'
              : 'A discount on every line of these products when all of them are on the quote.'
        }
      />
      {kind === 'customer_price' && (
        <>
          <SelectField
            label="Company"
            {...form.register('companyId')}
            error={fieldMessage(errors.companyId, 'Choose the company')}
            options={[{ value: '', label: 'Choose a company' }, ...companies]}
          />
          <SelectField
            label="Product"
            {...form.register('productId')}
            error={fieldMessage(errors.productId, 'Choose the product')}
            options={productOptions}
          />
          <TextField
            label="Their unit price"
            inputMode="decimal"
            hint={amountHint}
            {...form.register('unitPrice')}
            error={fieldMessage(errors.unitPrice, 'An amount, like 950 or 12.50')}
            autoComplete="off"
          />
        </>
      )}
      {kind === 'volume' && (
        <>
          <SelectField
            label="Product"
            {...form.register('productId')}
            error={fieldMessage(errors.productId, 'Choose the product')}
            options={productOptions}
          />
          <fieldset className="stack">
            <legend className="field-label">Tiers (unit prices in {ruleCurrency})</legend>
            {tiers.fields.map((f, i) => {
              const e = errors.tiers?.[i];
              return (
                <div className="rule-tier" key={f.id}>
                  <TextField
                    label={`From quantity (tier ${i + 1})`}
                    inputMode="decimal"
                    {...form.register(`tiers.${i}.minQuantity`)}
                    error={fieldMessage(e?.minQuantity, 'A quantity, like 10')}
                    autoComplete="off"
                  />
                  <TextField
                    label={`Unit price (tier ${i + 1})`}
                    inputMode="decimal"
                    {...form.register(`tiers.${i}.unitPrice`)}
                    error={fieldMessage(e?.unitPrice, 'An amount')}
                    autoComplete="off"
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={tiers.fields.length === 1}
                    aria-label={`Remove tier ${i + 1}`}
                    onClick={() => tiers.remove(i)}
                  >
                    Remove
                  </Button>
                </div>
              );
            })}
            {errors.tiers?.root?.message && <p className="field-error">{errors.tiers.root.message}</p>}
            <div>
              <Button size="sm" disabled={tiers.fields.length >= 20} onClick={() => tiers.append({ ...emptyTier })}>
                Add a tier
              </Button>
            </div>
          </fieldset>
        </>
      )}
      {kind === 'bundle' && (
        <>
          <TextField
            label="Bundle name"
            {...form.register('name')}
            error={fieldMessage(errors.name, 'Name the bundle, like Laptop starter kit')}
            maxLength={200}
            autoComplete="off"
          />
          <fieldset className="stack">
            <legend className="field-label">Products in the bundle</legend>
            {bundle.fields.map((f, i) => (
              <div className="rule-bundle-product" key={f.id}>
                <SelectField
                  label={`Product ${i + 1}`}
                  {...form.register(`productIds.${i}.productId`)}
                  error={fieldMessage(errors.productIds?.[i]?.productId, 'Choose a product')}
                  options={productOptions}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={bundle.fields.length <= 2}
                  aria-label={`Remove product ${i + 1}`}
                  onClick={() => bundle.remove(i)}
                >
                  Remove
                </Button>
              </div>
            ))}
            {errors.productIds?.root?.message && <p className="field-error">{errors.productIds.root.message}</p>}
            <div>
              <Button size="sm" disabled={bundle.fields.length >= 20} onClick={() => bundle.append({ productId: '' })}>
                Add a product
              </Button>
            </div>
          </fieldset>
          <TextField
            label="Discount (%)"
            inputMode="decimal"
            hint="Off every line of these products"
            {...form.register('discount')}
            error={fieldMessage(errors.discount, 'A percentage, like 10 or 12.5')}
            autoComplete="off"
          />
        </>
      )}
      <label className="check-row">
        <input type="checkbox" {...form.register('active')} />
        <span>
          <strong>Active</strong>
          <span className="muted"> — an inactive rule is kept but never applies</span>
        </span>
      </label>
      <FormDialogActions submitLabel={editing ? 'Save rule' : 'Add rule'} saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
