import type { Tenant } from '../data/tenant.js';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../quotes/approval.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { QuoteApprovalView } from './contract.js';
import type { QuoteApprovalPut } from './schema.js';
import { callerTenant, patchCallerTenant } from './tenant-record.js';

/** The workspace's approval rules for quotes: its own once saved, else the default ones. */
export const approvalPolicyOf = (tenant: Pick<Tenant, 'quoteApproval'>): ApprovalPolicy =>
  tenant.quoteApproval
    ? { maxLineDiscountBps: tenant.quoteApproval.maxLineDiscountBps, maxTotal: tenant.quoteApproval.maxTotal ?? [] }
    : DEFAULT_APPROVAL_POLICY;

const view = (tenant: Tenant): QuoteApprovalView => {
  const policy = approvalPolicyOf(tenant);
  return {
    custom: Boolean(tenant.quoteApproval),
    maxLineDiscountBps: policy.maxLineDiscountBps,
    maxTotal: [...policy.maxTotal],
    version: tenant.version,
  };
};

export async function getQuoteApproval(ctx: TenantContext, deps: Deps): Promise<QuoteApprovalView> {
  return view(await callerTenant(ctx, deps));
}

export async function updateQuoteApproval(
  ctx: TenantContext,
  input: QuoteApprovalPut,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteApprovalView> {
  const quoteApproval = { maxLineDiscountBps: input.maxLineDiscountBps, maxTotal: input.maxTotal };
  return view(await patchCallerTenant(ctx, { quoteApproval }, expectedVersion, deps));
}
