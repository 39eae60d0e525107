import { useRef } from 'react';
import { catalogApi, type ProductView, type SupplierView } from '../../../../functions/catalog/contract';
import {
  createProductSchema,
  suggestedUnitPrice,
  updateProductSchema,
  DEFAULT_TAX_RATE_BPS,
} from '../../../../functions/catalog/schema';
import { newIdempotencyKey } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { useApiMutation } from '../../shared/query';
import { Alert, FormDialogActions, SelectField, TextAreaField, TextField } from '../../shared/ui';
import { formatMoney, toMajorText, toMinorUnits } from '../deals/money';

interface ProductValues {
  code: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  unitPrice: string;
  costPrice: string;
  taxRate: string;
  supplierId: string;
}

const UNITS = ['each', 'hour', 'day', 'month', 'year'];

const FIELD_OF: Record<string, keyof ProductValues> = {
  unitPrice: 'unitPrice',
  'unitPrice.amount': 'unitPrice',
  'unitPrice.currency': 'unitPrice',
  costPrice: 'costPrice',
  'costPrice.amount': 'costPrice',
  'costPrice.currency': 'costPrice',
  taxRateBps: 'taxRate',
};
const fieldFor = (path: string): keyof ProductValues | undefined =>
  FIELD_OF[path] ??
  (['code', 'name', 'description', 'category', 'unit', 'supplierId'] as const).find((f) => f === path);

const money = (text: string, currency: string) =>
  text.trim() === '' ? undefined : { amount: toMinorUnits(text, currency), currency };
const percentToBps = (text: string) => (text.trim() === '' ? DEFAULT_TAX_RATE_BPS : Math.round(Number(text) * 100));

function bodyOf(v: ProductValues, currency: string, editing: boolean) {
  const body = {
    code: v.code,
    name: v.name,
    unit: v.unit,
    unitPrice: money(v.unitPrice, currency),
    taxRateBps: percentToBps(v.taxRate),
  };
  if (editing)
    return {
      ...body,
      description: v.description.trim() || null,
      category: v.category.trim() || null,
      costPrice: money(v.costPrice, currency) ?? null,
      supplierId: v.supplierId || null,
    };
  return {
    ...body,
    description: v.description,
    category: v.category,
    costPrice: money(v.costPrice, currency),
    supplierId: v.supplierId || undefined,
  };
}

/** Add a product, or edit one; with a supplier and a cost, the price may be left to the markup. */
export function ProductForm({
  product,
  currency,
  suppliers,
  onSaved,
  onCancel,
}: {
  product?: ProductView;
  /** The workspace currency: catalog prices are in it. */
  currency: string;
  suppliers: SupplierView[];
  onSaved: (product: ProductView) => void;
  onCancel: () => void;
}) {
  const editing = Boolean(product);
  const idempotencyKey = useRef(newIdempotencyKey());
  const { form, general, showApiError } = useContractForm<
    ProductValues,
    typeof createProductSchema | typeof updateProductSchema
  >({
    schema: editing ? updateProductSchema : createProductSchema,
    defaultValues: {
      code: product?.code ?? '',
      name: product?.name ?? '',
      description: product?.description ?? '',
      category: product?.category ?? '',
      unit: product?.unit ?? 'each',
      unitPrice: product ? toMajorText(product.unitPrice) : '',
      costPrice: product?.costPrice ? toMajorText(product.costPrice) : '',
      taxRate: String((product?.taxRateBps ?? DEFAULT_TAX_RATE_BPS) / 100),
      supplierId: product?.supplierId ?? '',
    },
    toBody: (v) => bodyOf(v, currency, editing) as never,
    fieldFor,
  });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(
    catalogApi.createProduct,
    (body: never) => ({ body, idempotencyKey: idempotencyKey.current }),
    { invalidates: [catalogApi] },
  );
  const update = useApiMutation(
    catalogApi.updateProduct,
    (body: never) => ({ params: { productId: product!.productId }, body, version: product!.version }),
    { invalidates: [catalogApi] },
  );
  const save = form.handleSubmit(async (values) => {
    try {
      const body = bodyOf(values, currency, editing) as never;
      onSaved(editing ? await update.mutateAsync(body) : await create.mutateAsync(body));
    } catch (error) {
      await showApiError(error);
    }
  });

  const [supplierId, costText, priceText] = form.watch(['supplierId', 'costPrice', 'unitPrice']);
  const supplier = suppliers.find((s) => s.supplierId === supplierId);
  const cost = money(costText, currency);
  const suggested =
    supplier && cost && Number.isFinite(cost.amount) ? suggestedUnitPrice(cost, supplier.markupBps) : undefined;
  const unitOptions = [...new Set([...UNITS, product?.unit ?? 'each'])].map((u) => ({ value: u, label: u }));

  return (
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <TextField
          label="Code"
          {...form.register('code')}
          error={fieldMessage(errors.code, 'Enter a code, like NW-LAP-14')}
          aria-required="true"
          maxLength={40}
          autoComplete="off"
          hint="Unique in the workspace, whatever the case"
        />
        <TextField
          label="Name"
          {...form.register('name')}
          error={fieldMessage(errors.name, 'Enter a name')}
          aria-required="true"
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          label="Category"
          optional
          {...form.register('category')}
          error={errors.category?.message}
          maxLength={100}
        />
        <SelectField label="Unit" {...form.register('unit')} error={errors.unit?.message} options={unitOptions} />
        <SelectField
          label="Supplier"
          {...form.register('supplierId')}
          error={errors.supplierId?.message}
          options={[
            { value: '', label: 'None (our own)' },
            ...suppliers.map((s) => ({ value: s.supplierId, label: `${s.name} (+${s.markupBps / 100}%)` })),
          ]}
        />
        <TextField
          label={`Cost price (${currency})`}
          optional
          inputMode="decimal"
          {...form.register('costPrice')}
          error={fieldMessage(errors.costPrice, 'Enter an amount, like 985.00')}
          autoComplete="off"
        />
        <TextField
          label={`Unit price (${currency})`}
          optional={Boolean(suggested)}
          inputMode="decimal"
          {...form.register('unitPrice')}
          placeholder={suggested && !priceText ? toMajorText(suggested) : undefined}
          hint={
            suggested
              ? `Leave empty for ${formatMoney(suggested)}: cost plus ${supplier!.markupBps / 100}% (rounded half up)`
              : undefined
          }
          error={fieldMessage(errors.unitPrice, 'Enter a price, like 1200 or 1200.50')}
          autoComplete="off"
        />
        <TextField
          label="Tax rate (%)"
          inputMode="decimal"
          {...form.register('taxRate')}
          error={fieldMessage(errors.taxRate, 'A percentage from 0 to 100')}
          autoComplete="off"
        />
      </div>
      <TextAreaField
        label="Description"
        optional
        rows={3}
        {...form.register('description')}
        error={errors.description?.message}
        maxLength={2000}
      />
      <FormDialogActions
        submitLabel={editing ? 'Save product' : 'Add product'}
        saving={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
