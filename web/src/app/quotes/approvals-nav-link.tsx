import { NavLink } from 'react-router-dom';
import { APPROVE, quotesApi } from '../../../../functions/quotes/contract';
import { itemsOf, useApiList } from '../../shared/query';
import { useWorkspace } from '../workspace';

/** "Approvals" in the nav for owners and admins, with how many quotes wait (50+ past one page). */
export function ApprovalsNavLink() {
  const { me } = useWorkspace();
  const approver = (APPROVE as readonly string[]).includes(me.role);
  // The same list (and cache entry) as the inbox's first page, so approving there updates the count.
  const pending = useApiList(
    quotesApi.list,
    { query: { status: 'pending_approval', limit: 50 } },
    { enabled: approver, staleTime: 30_000 },
  );
  if (!approver) return null;
  const count = itemsOf(pending.data).length;
  const label = `${count}${pending.hasNextPage ? '+' : ''}`;
  return (
    <NavLink to="/quotes/approvals" aria-label={count ? `Approvals, ${label} waiting` : 'Approvals'}>
      Approvals{count > 0 && <span className="nav-count">{label}</span>}
    </NavLink>
  );
}
