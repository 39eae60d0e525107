import { useRef, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { catalogApi, type RateCardView } from '../../../../functions/catalog/contract';
import { createRateCardSchema, MAX_RATE_CARD_ROLES, updateRateCardSchema } from '../../../../functions/catalog/schema';
import { settingsApi } from '../../../../functions/settings/contract';
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
import { formatMoney, toMajorText, toMinorUnits } from '../deals/money';
import { useWorkspace } from '../workspace';
import { CatalogNav } from './catalog-nav';
import './catalog.css';

interface RoleValues {
  role: string;
  dayRate: string;
  hourRate: string;
  overtime: string;
  travel: string;
}
interface CardValues {
  name: string;
  roles: RoleValues[];
}

const multiplier = (text: string) => Math.round(Number(text) * 10_000);
const emptyRole: RoleValues = { role: '', dayRate: '', hourRate: '', overtime: '1.5', travel: '1' };

function RateCardForm({
  card,
  currency,
  onSaved,
  onCancel,
}: {
  card?: RateCardView;
  currency: string;
  onSaved: (c: RateCardView) => void;
  onCancel: () => void;
}) {
  const editing = Boolean(card);
  const cardCurrency = card?.currency ?? currency;
  const idempotencyKey = useRef(newIdempotencyKey());
  const toBody = (v: CardValues) => ({
    name: v.name,
    ...(editing ? {} : { currency: cardCurrency }),
    roles: v.roles.map((r) => ({
      role: r.role,
      dayRate: { amount: toMinorUnits(r.dayRate, cardCurrency), currency: cardCurrency },
      hourRate: { amount: toMinorUnits(r.hourRate, cardCurrency), currency: cardCurrency },
      overtimeMultiplierBps: multiplier(r.overtime),
      travelMultiplierBps: multiplier(r.travel),
    })),
  });
  const { form, general, showApiError } = useContractForm<
    CardValues,
    typeof createRateCardSchema | typeof updateRateCardSchema
  >({
    schema: editing ? updateRateCardSchema : createRateCardSchema,
    defaultValues: {
      name: card?.name ?? '',
      roles: card
        ? card.roles.map((r) => ({
            role: r.role,
            dayRate: toMajorText(r.dayRate),
            hourRate: toMajorText(r.hourRate),
            overtime: String(r.overtimeMultiplierBps / 10_000),
            travel: String(r.travelMultiplierBps / 10_000),
          }))
        : [{ ...emptyRole }],
    },
    toBody: toBody as never,
    fieldFor: (path) => {
      const m = /^roles\.(\d+)\.(role|dayRate|hourRate|overtimeMultiplierBps|travelMultiplierBps)/.exec(path);
      if (m) {
        const leaf = { overtimeMultiplierBps: 'overtime', travelMultiplierBps: 'travel' }[m[2]!] ?? m[2]!;
        return `roles.${Number(m[1])}.${leaf}` as never;
      }
      return path === 'name' ? 'name' : path === 'roles' ? ('roles.root' as never) : undefined;
    },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'roles' });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(
    catalogApi.createRateCard,
    (body: never) => ({ body, idempotencyKey: idempotencyKey.current }),
    { invalidates: [catalogApi] },
  );
  const update = useApiMutation(
    catalogApi.updateRateCard,
    (body: never) => ({ params: { rateCardId: card!.rateCardId }, body, version: card!.version }),
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
        label="Card name"
        {...form.register('name')}
        error={fieldMessage(errors.name, 'Enter a name, like Standard rates 2026')}
        aria-required="true"
        maxLength={200}
      />
      <fieldset className="stack">
        <legend className="field-label">Roles (rates in {cardCurrency})</legend>
        {fields.map((f, i) => {
          const e = errors.roles?.[i];
          return (
            <div className="rate-role" key={f.id}>
              <TextField
                label="Role"
                {...form.register(`roles.${i}.role`)}
                error={fieldMessage(e?.role, 'Name the role')}
              />
              <TextField
                label="Day rate"
                inputMode="decimal"
                {...form.register(`roles.${i}.dayRate`)}
                error={fieldMessage(e?.dayRate, 'An amount')}
              />
              <TextField
                label="Hour rate"
                inputMode="decimal"
                {...form.register(`roles.${i}.hourRate`)}
                error={fieldMessage(e?.hourRate, 'An amount')}
              />
              <TextField
                label="Overtime ×"
                inputMode="decimal"
                {...form.register(`roles.${i}.overtime`)}
                error={fieldMessage(e?.overtime, 'Like 1.5')}
              />
              <TextField
                label="Travel ×"
                inputMode="decimal"
                {...form.register(`roles.${i}.travel`)}
                error={fieldMessage(e?.travel, 'Like 1')}
              />
              <Button
                size="sm"
                variant="ghost"
                disabled={fields.length === 1}
                aria-label={`Remove role ${i + 1}`}
                onClick={() => remove(i)}
              >
                Remove
              </Button>
            </div>
          );
        })}
        {errors.roles?.root?.message && <p className="field-error">{errors.roles.root.message}</p>}
        <div>
          <Button size="sm" disabled={fields.length >= MAX_RATE_CARD_ROLES} onClick={() => append({ ...emptyRole })}>
            Add a role
          </Button>
        </div>
      </fieldset>
      <FormDialogActions submitLabel={editing ? 'Save card' : 'Add card'} saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}

/** `/catalog/rate-cards`: what each role costs by the day and the hour, with overtime and travel multipliers. */
export function RateCardsPage() {
  useDocumentTitle('Day rates');
  const { canManageUsers: canManage } = useWorkspace();
  const toast = useToast();
  const list = useApiQuery(catalogApi.listRateCards, { query: { limit: 100 } });
  const workspace = useApiQuery(settingsApi.getWorkspace, {});
  const [editing, setEditing] = useState<RateCardView | 'new' | null>(null);
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Day rates</PageHeading>
          <p className="page-sub">
            Rate cards: each role by the day and the hour, with overtime and travel multipliers.
            {!canManage && ' Only owners and admins can change them.'}
          </p>
        </div>
        {canManage && (
          <div className="page-actions">
            <Button variant="primary" onClick={() => setEditing('new')} icon={<span aria-hidden="true">+</span>}>
              New rate card
            </Button>
          </div>
        )}
      </div>
      <CatalogNav />
      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Rate cards could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading rate cards…" />
      ) : list.data.items.length === 0 ? (
        <div className="card">
          <EmptyState
            title="No rate cards yet"
            action={
              canManage ? (
                <Button variant="primary" onClick={() => setEditing('new')}>
                  Add a rate card
                </Button>
              ) : undefined
            }
          >
            A rate card lists what your people cost a customer, so quotes for time are priced the same way every time.
          </EmptyState>
        </div>
      ) : (
        <div className="stack">
          {list.data.items.map((card) => (
            <section className="card card-pad stack" key={card.rateCardId} aria-labelledby={`card-${card.rateCardId}`}>
              <div className="row rate-card-head">
                <h2 className="section-title" id={`card-${card.rateCardId}`}>
                  {card.name} <span className="muted">({card.currency})</span>
                </h2>
                {canManage && (
                  <Button size="sm" onClick={() => setEditing(card)}>
                    Edit
                  </Button>
                )}
              </div>
              <div className="table-wrap">
                <table className="data-table responsive" role="table">
                  <thead>
                    <tr>
                      <th scope="col">Role</th>
                      <th scope="col" className="num">
                        Day
                      </th>
                      <th scope="col" className="num">
                        Hour
                      </th>
                      <th scope="col" className="num">
                        Overtime
                      </th>
                      <th scope="col" className="num">
                        Travel
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {card.roles.map((r) => (
                      <tr key={r.role} role="row">
                        <td className="cell-primary" role="cell">
                          {r.role}
                        </td>
                        <td className="num cell-nowrap" role="cell">
                          <CellLabel>Day</CellLabel>
                          {formatMoney(r.dayRate)}
                        </td>
                        <td className="num cell-nowrap" role="cell">
                          <CellLabel>Hour</CellLabel>
                          {formatMoney(r.hourRate)}
                        </td>
                        <td className="num cell-nowrap" role="cell">
                          <CellLabel>Overtime</CellLabel>×{r.overtimeMultiplierBps / 10_000}
                        </td>
                        <td className="num cell-nowrap" role="cell">
                          <CellLabel>Travel</CellLabel>×{r.travelMultiplierBps / 10_000}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </div>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New rate card' : `Edit ${editing?.name ?? ''}`}
        size="lg"
      >
        {editing !== null && (
          <RateCardForm
            card={editing === 'new' ? undefined : editing}
            currency={workspace.data?.currency ?? 'GBP'}
            onCancel={() => setEditing(null)}
            onSaved={(c) => {
              setEditing(null);
              toast(editing === 'new' ? `Added ${c.name}` : `Saved ${c.name}`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
