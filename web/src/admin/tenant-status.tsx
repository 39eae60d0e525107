import type { Plan, TenantStatus } from '../../../functions/shared/enums';
import { PLAN_LABELS } from '../shared/labels';
import { Badge } from '../shared/ui';

/** Active / Suspended. */
export const StatusBadge = ({ status }: { status: TenantStatus }) => (
  <Badge tone={status === 'active' ? 'success' : 'danger'}>{status === 'active' ? 'Active' : 'Suspended'}</Badge>
);

/** Free / Starter / Pro. */
export const PlanBadge = ({ plan }: { plan: Plan }) => (
  <Badge tone={plan === 'pro' ? 'violet' : plan === 'starter' ? 'info' : 'neutral'}>{PLAN_LABELS[plan] ?? plan}</Badge>
);
