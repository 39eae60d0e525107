import { useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { cx, fullName } from '../shared/format';
import { useResource } from '../shared/hooks';
import { useApi } from '../shared/services';
import type { Company, Contact, Director, DirectorsList, Page } from '../shared/types';
import {
  Badge,
  Button,
  ButtonLink,
  EmptyState,
  ErrorState,
  PersonIcon,
  Skeleton,
  Spinner,
  useToast,
} from '../shared/ui';
import { useWorkspace } from './workspace';

type AddState = 'busy' | 'added' | 'exists';

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "3 Nov 2015" from the register's `2015-11-03` (a calendar date: no time zone shift). */
function formatDay(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

/** `director` → "Director", `llp-designated-member` → "LLP designated member", `secretary` → "Company secretary". */
export function officerRole(role: string): string {
  if (role === 'secretary') return 'Company secretary';
  const words = role.replace(/-/g, ' ').replace(/\bllp\b/g, 'LLP');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Corporate officers are companies, not people, and cannot become contacts. */
const isCorporate = (d: Director) => d.role.startsWith('corporate-');

const norm = (s: string) => s.trim().toLocaleLowerCase();

/** Whether a contact already carries this officer's name (the API adds "first forename + surname"). */
function matchesContact(d: Director, contacts: Contact[]): boolean {
  const name = ` ${norm(d.name)}`;
  const words = new Set(norm(d.name).split(/\s+/));
  return contacts.some((c) => c.lastName && name.endsWith(` ${norm(c.lastName)}`) && words.has(norm(c.firstName)));
}

/** Why the list is unavailable, from a 422 problem: no number, a wrong number, or Companies House not set up. */
function Unavailable({ error, company, canWrite }: { error: ApiError; company: Company; canWrite: boolean }) {
  const numberProblem = error.fieldErrors.find((e) => e.path === 'companyNumber');
  const missing = numberProblem?.message === 'Required' || !company.companyNumber;
  const detail = error.detail ?? error.title;
  if (numberProblem) {
    return (
      <EmptyState
        icon={<PersonIcon />}
        title={
          missing ? 'Add the Companies House number to see directors' : 'This company number is not on the register'
        }
        action={
          canWrite ? (
            <ButtonLink to={`/companies/${company.companyId}/edit`} variant="primary">
              {missing ? 'Add the company number' : 'Correct the company number'}
            </ButtonLink>
          ) : undefined
        }
      >
        {detail}
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={<PersonIcon />} title="Companies House is not available">
      {detail}
    </EmptyState>
  );
}

function DirectorsSkeleton() {
  return (
    <div className="card" role="status">
      <span className="sr-only">Loading directors from Companies House…</span>
      <ul className="director-list" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <li key={i} className="director">
            <div className="director-main stack" style={{ gap: 8 }}>
              <Skeleton width={i === 1 ? '35%' : '45%'} height="18px" />
              <Skeleton width="30%" />
              <Skeleton width="55%" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DirectorRow({
  director: d,
  state,
  canAdd,
  onAdd,
}: {
  director: Director;
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

/** The Directors tab: the company's officers from Companies House, each one a click away from being a contact. */
export function DirectorsTab({ company }: { company: Company }) {
  const api = useApi();
  const toast = useToast();
  const { canWrite } = useWorkspace();
  const base = `/v1/companies/${encodeURIComponent(company.companyId)}`;
  const list = useResource(
    (signal) => api.get<DirectorsList>(`${base}/directors`, { signal }),
    [api, base, company.companyNumber],
  );
  const contacts = useResource(
    (signal) =>
      canWrite
        ? api.get<Page<Contact>>(`${base}/contacts`, { query: { limit: 100 }, signal })
        : Promise.resolve({ items: [], cursor: null }),
    [api, base, canWrite],
  );
  const [states, setStates] = useState<Record<string, AddState | undefined>>({});
  const setState = (officerId: string, state: AddState | undefined) => setStates((s) => ({ ...s, [officerId]: state }));

  const add = async (d: Director) => {
    setState(d.officerId, 'busy');
    try {
      const contact = await api.post<Contact>(
        `${base}/directors/${encodeURIComponent(d.officerId)}/contact`,
        undefined,
      );
      setState(d.officerId, 'added');
      toast(`${fullName(contact)} was added as a contact`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setState(d.officerId, 'exists');
        toast(error.detail ?? `${d.name} is already a contact`, 'info');
      } else {
        setState(d.officerId, undefined);
        toast(
          error instanceof ApiError && error.status < 500 && error.detail ? error.detail : errorMessage(error),
          'error',
        );
      }
    }
  };

  const known = contacts.data?.items ?? [];
  const stateOf = (d: Director): AddState | undefined =>
    states[d.officerId] ?? (matchesContact(d, known) ? 'exists' : undefined);
  const items = list.data?.items ?? [];
  const current = items.filter((d) => d.active);
  const resigned = items.filter((d) => !d.active);
  const number = list.data?.companyNumber ?? company.companyNumber;

  let body;
  if (list.error instanceof ApiError && list.error.status === 422) {
    body = (
      <div className="card">
        <Unavailable error={list.error} company={company} canWrite={canWrite} />
      </div>
    );
  } else if (list.error && !list.data) {
    // Companies House's own limits (429) and outages explain themselves best in the API's words.
    const error =
      list.error instanceof ApiError && list.error.detail && list.error.status !== 403
        ? new Error(list.error.detail)
        : list.error;
    body = (
      <div className="card">
        <ErrorState title="Directors could not be loaded" error={error} onRetry={list.reload} />
      </div>
    );
  } else if (!list.data) {
    body = <DirectorsSkeleton />;
  } else if (items.length === 0) {
    body = (
      <div className="card">
        <EmptyState icon={<PersonIcon />} title="No officers on file">
          Companies House lists no directors or secretaries for company {number}.
        </EmptyState>
      </div>
    );
  } else {
    const group = (title: string, people: Director[], id: string) =>
      people.length > 0 && (
        <section className="card director-group" aria-labelledby={id}>
          <h3 id={id} className="director-group-title">
            {title} <span className="muted">({people.length})</span>
          </h3>
          <ul className="director-list">
            {people.map((d) => (
              <DirectorRow key={d.officerId} director={d} state={stateOf(d)} canAdd={canWrite} onAdd={() => add(d)} />
            ))}
          </ul>
        </section>
      );
    body = (
      <div className="stack">
        {group('Current officers', current, 'directors-current')}
        {group('Resigned', resigned, 'directors-resigned')}
      </div>
    );
  }

  return (
    <section aria-labelledby="directors-title">
      <div className="section-head">
        <div>
          <h2 id="directors-title" className="section-title">
            Directors
          </h2>
          <p className="muted section-sub">
            From Companies House{number ? ` · company ${number}` : ''}
            {list.data && number && (
              <>
                {' · '}
                <a
                  href={`https://find-and-update.company-information.service.gov.uk/company/${encodeURIComponent(number)}/officers`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  View on Companies House<span className="sr-only"> (opens in a new tab)</span>
                </a>
              </>
            )}
          </p>
        </div>
        {list.data && (
          <Button size="sm" variant="ghost" onClick={list.reload} busy={list.loading}>
            Refresh
          </Button>
        )}
      </div>
      {body}
    </section>
  );
}
