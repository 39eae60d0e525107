import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError, type FieldError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { DEFAULT_CURRENCY } from '../shared/validation.js';

/** The workspace's currency (GET /v1/settings/workspace): catalog prices are in it. */
export async function workspaceCurrency(ctx: TenantContext, deps: Deps): Promise<string> {
  const { data } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go();
  return data?.currency ?? DEFAULT_CURRENCY;
}

/** 400 naming each amount (`unitPrice.currency`, …) not in `currency`. */
export function assertCurrency(currency: string, amounts: Record<string, Money | null | undefined>, where: string) {
  const errors: FieldError[] = Object.entries(amounts)
    .filter(([, m]) => m && m.currency !== currency)
    .map(([path, m]) => ({ path: `${path}.currency`, message: `Use ${currency}, not ${m!.currency}` }));
  if (errors.length) throw new ValidationError(`Prices ${where} are in ${currency}`, errors);
}
