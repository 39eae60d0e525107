import { NavLink } from 'react-router-dom';
import { APPROVE, quotesApi } from '../../../../functions/quotes/contract';
import { useApiQuery } from '../../shared/query';
import { useWorkspace } from '../workspace';

/** "Approvals" in the nav for owners and admins, with how many quotes wait (50+ past one page). */
export function ApprovalsNavLink() {
  const { me } = useWorkspace();
  const approver = (APPROVE as readonly string[]).includes(me.role);
  const pending = useApiQuery(
    quotesApi.list,
    { query: { status: 'pending_approval', limit: 50 } },
    { enabled: approver, staleTime: 30_000 },
  );
  if (!approver) return null;
  const count = pending.data?.items.length ?? 0;
  const label = `${count}${pending.data?.cursor ? '+' : ''}`;
  return (
    <NavLink to="/quotes/approvals" aria-label={count ? `Approvals, ${label} waiting` : 'Approvals'}>
      Approvals{count > 0 && <span className="nav-count">{label}</span>}
    </NavLink>
  );
}
