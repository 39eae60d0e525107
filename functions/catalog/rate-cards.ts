import type { RateCard } from '../data/rate-card.js';
import { writeVersioned } from '../data/versioned-write.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError, ValidationError, type FieldError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import type { RateCardView } from './contract.js';
import { workspaceCurrency } from './currency.js';
import type { CreateRateCardInput, UpdateRateCardInput } from './schema.js';

/** A rate card as the API returns it. */
export const toRateCardView = ({ tenantId: _t, nameKey: _n, ...card }: RateCard): RateCardView => card;

/** 400 naming each rate not in the card's currency. */
function assertRolesInCurrency(currency: string, roles: RateCard['roles']): void {
  const errors: FieldError[] = roles.flatMap((r, i) =>
    (['dayRate', 'hourRate'] as const)
      .filter((k) => r[k].currency !== currency)
      .map((k) => ({ path: `roles.${i}.${k}.currency`, message: `Use the card's currency, ${currency}` })),
  );
  if (errors.length) throw new ValidationError(`A rate card's rates are in its currency (${currency})`, errors);
}

async function getRateCard(ctx: TenantContext, rateCardId: string, deps: Deps): Promise<RateCard> {
  const { data } = await deps.db.entities.rateCard.get({ tenantId: ctx.tenantId, rateCardId }).go();
  if (!data) throw new NotFoundError('Rate card');
  return data;
}

/** One rate card. */
export async function readRateCard(ctx: TenantContext, rateCardId: string, deps: Deps): Promise<RateCardView> {
  return toRateCardView(await getRateCard(ctx, rateCardId, deps));
}

/** Adds a rate card; its currency defaults to the workspace's. */
export async function createRateCard(
  ctx: TenantContext,
  input: CreateRateCardInput,
  deps: Deps,
): Promise<RateCardView> {
  const currency = input.currency ?? (await workspaceCurrency(ctx, deps));
  assertRolesInCurrency(currency, input.roles);
  const now = deps.now();
  const card: RateCard = {
    tenantId: ctx.tenantId,
    rateCardId: deps.newId(),
    name: input.name,
    nameKey: fold(input.name),
    currency,
    roles: input.roles,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  };
  await writeVersioned(deps.db, { entity: 'rateCard', op: 'create', item: card });
  return toRateCardView(card);
}

/** Applies a partial update if `expectedVersion` is current; `roles` replaces the list. */
export async function updateRateCard(
  ctx: TenantContext,
  rateCardId: string,
  patch: UpdateRateCardInput,
  expectedVersion: number,
  deps: Deps,
): Promise<RateCardView> {
  const before = await getRateCard(ctx, rateCardId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  const after: RateCard = {
    ...before,
    ...fields,
    nameKey: fold(fields.name ?? before.name),
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  };
  assertRolesInCurrency(after.currency, after.roles);
  await writeVersioned(deps.db, { entity: 'rateCard', op: 'update', item: after });
  return toRateCardView(after);
}

/** A tenant's rate cards A→Z. */
export async function listRateCards(
  ctx: TenantContext,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<RateCardView>> {
  const base = deps.db.entities.rateCard.query.byName({ tenantId: ctx.tenantId });
  return mapPage(await base.go({ count: query.limit, cursor: checkCursor(query.cursor, base) }), toRateCardView);
}
