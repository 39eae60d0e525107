import type { DirectorView } from '../../../functions/enrichment/contract';
import { cx } from '../shared/format';
import { Badge, Button, Spinner } from '../shared/ui';

/** Where adding an officer as a contact stands: running, done, or they were a contact already. */
export type AddState = 'busy' | 'added' | 'exists';

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "3 Nov 2015" from the register's `2015-11-03` (a calendar date: no time zone shift). */
function formatDay(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

/** `director` → "Director", `llp-designated-member` → "LLP designated member", `secretary` → "Company secretary". */
function officerRole(role: string): string {
  if (role === 'secretary') return 'Company secretary';
  const words = role.replace(/-/g, ' ').replace(/\bllp\b/g, 'LLP');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Corporate officers are companies, not people, and cannot become contacts. */
const isCorporate = (d: DirectorView) => d.role.startsWith('corporate-');

/** One officer: name, role and dates, what the register says of them, and "Add as contact" for writers. */
export function DirectorRow({
  director: d,
  state,
  canAdd,
  onAdd,
}: {
  director: DirectorView;
  state: AddState | undefined;
  canAdd: boolean;
  onAdd: () => void;
}) {
  const facts: [string, string][] = [];
  if (d.occupation) facts.push(['Occupation', d.occupation]);
  if (d.nationality) facts.push(['Nationality', d.nationality]);
  if (d.countryOfResidence) facts.push(['Lives in', d.countryOfResidence]);
  const done = state === 'added' || state === 'exists';
  return (
    <li className={cx('director', !d.active && 'director-resigned')}>
      <div className="director-main">
        <div className="director-head">
          <h4 className="director-name">{d.name}</h4>
          {!d.active && <Badge>Resigned</Badge>}
        </div>
        <p className="director-role">
          {officerRole(d.role)}
          {d.appointedOn && <span> · Appointed {formatDay(d.appointedOn)}</span>}
          {d.resignedOn && <span> · Resigned {formatDay(d.resignedOn)}</span>}
        </p>
        {facts.length > 0 && (
          <ul className="director-facts">
            {facts.map(([label, value]) => (
              <li key={label}>
                <span className="muted">{label}:</span> {value}
              </li>
            ))}
          </ul>
        )}
      </div>
      {canAdd && (
        <div className="director-action">
          {isCorporate(d) ? (
            <span className="muted director-note">A company, so it cannot be a contact</span>
          ) : (
            <Button
              size="sm"
              variant={done ? 'ghost' : 'secondary'}
              className={cx(done && 'btn-done')}
              aria-disabled={done || state === 'busy' ? true : undefined}
              aria-busy={state === 'busy' || undefined}
              icon={
                state === 'busy' ? (
                  <Spinner size="sm" />
                ) : done ? (
                  <span aria-hidden="true">✓</span>
                ) : (
                  <span aria-hidden="true">+</span>
                )
              }
              onClick={() => {
                if (!state) onAdd();
              }}
            >
              {state === 'added' ? 'Added' : state === 'exists' ? 'Already a contact' : 'Add as contact'}
              <span className="sr-only"> ({d.name})</span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
