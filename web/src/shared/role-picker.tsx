import type { Role } from '../../../functions/shared/enums';
import type { UserView } from '../../../functions/users/contract';

/** The inline role picker of a user's row (team page and the console's tenant users). */
export function RolePicker({
  user,
  options,
  pending,
  onChange,
}: {
  user: Pick<UserView, 'userId' | 'name' | 'role'>;
  options: readonly { value: Role; label: string }[];
  pending: boolean;
  onChange: (role: Role) => void;
}) {
  return (
    <>
      <label className="sr-only" htmlFor={`role-${user.userId}`}>
        Role of {user.name}
      </label>
      <select
        id={`role-${user.userId}`}
        className="input select"
        style={{ width: 'auto', minWidth: 120 }}
        value={user.role}
        disabled={pending}
        onChange={(e) => onChange(e.target.value as Role)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
