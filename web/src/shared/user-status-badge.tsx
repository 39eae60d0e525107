import type { UserStatus } from '../../../functions/shared/enums';
import { Badge } from './ui';

/** Active, or Invited (has not signed in yet). */
export const UserStatusBadge = ({ status }: { status: UserStatus }) => (
  <Badge tone={status === 'active' ? 'success' : 'warning'}>{status === 'active' ? 'Active' : 'Invited'}</Badge>
);
