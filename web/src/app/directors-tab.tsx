import { useState } from 'react';
import { activitiesApi } from '../../../functions/activities/contract';
import type { CompanyView } from '../../../functions/companies/contract';
import { contactsApi, type ContactView } from '../../../functions/contacts/contract';
import { enrichmentApi, type DirectorView } from '../../../functions/enrichment/contract';
import { ApiError, errorMessage } from '../shared/api';
import { fullName } from '../shared/format';
import { useApiMutation, useApiQuery } from '../shared/query';
import { Button, ButtonLink, EmptyState, ErrorState, PersonIcon, Skeleton, useToast } from '../shared/ui';
import { useCompanyContacts } from './company-contacts';
import { DirectorRow, type AddState } from './director-row';
import { useWorkspace } from './workspace';

const norm = (s: string) => s.trim().toLocaleLowerCase();

/** Whether a contact already carries this officer's name (the API adds "first forename + surname"). */
function matchesContact(d: DirectorView, contacts: ContactView[]): boolean {
  const name = ` ${norm(d.name)}`;
  const words = new Set(norm(d.name).split(/\s+/));
  return contacts.some((c) => c.lastName && name.endsWith(` ${norm(c.lastName)}`) && words.has(norm(c.firstName)));
}

/** Why the list is unavailable, from a 422 problem: no number, a wrong number, or Companies House not set up. */
function Unavailable({ error, company, canWrite }: { error: ApiError; company: CompanyView; canWrite: boolean }) {
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

/** The Directors tab: the company's officers from Companies House, each one a click away from being a contact. */
export function DirectorsTab({ company }: { company: CompanyView }) {
  const toast = useToast();
  const { canWrite } = useWorkspace();
  const { companyId } = company;
  // Without a company number Companies House has nothing to look up: say so rather than send a request bound to fail.
  const hasNumber = Boolean(company.companyNumber);
  const list = useApiQuery(enrichmentApi.directors, { params: { companyId } }, { enabled: hasNumber });
  const contacts = useCompanyContacts(companyId, { enabled: canWrite });
  // The new contact also leaves an entry on the company's timeline.
  const addAsContact = useApiMutation(
    enrichmentApi.addAsContact,
    (d: DirectorView) => ({ params: { companyId, officerId: d.officerId } }),
    { invalidates: [contactsApi, activitiesApi] },
  );
  const refresh = () => void list.refetch();
  const [states, setStates] = useState<Record<string, AddState | undefined>>({});
  const setState = (officerId: string, state: AddState | undefined) => setStates((s) => ({ ...s, [officerId]: state }));

  const add = async (d: DirectorView) => {
    setState(d.officerId, 'busy');
    try {
      const contact = await addAsContact.mutateAsync(d);
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

  const known = contacts.items ?? [];
  const stateOf = (d: DirectorView): AddState | undefined =>
    states[d.officerId] ?? (matchesContact(d, known) ? 'exists' : undefined);
  const items = list.data?.items ?? [];
  const current = items.filter((d) => d.active);
  const resigned = items.filter((d) => !d.active);
  const number = list.data?.companyNumber ?? company.companyNumber;

  let body;
  if (!hasNumber) {
    body = (
      <div className="card">
        <EmptyState
          icon={<PersonIcon />}
          title="Add the Companies House number to see directors"
          action={
            canWrite ? (
              <ButtonLink to={`/companies/${company.companyId}/edit`} variant="primary">
                Add the company number
              </ButtonLink>
            ) : undefined
          }
        />
      </div>
    );
  } else if (list.error instanceof ApiError && list.error.status === 422) {
    body = (
      <div className="card">
        <Unavailable error={list.error} company={company} canWrite={canWrite} />
      </div>
    );
  } else if (list.error) {
    // Companies House's own limits (429) and outages explain themselves best in the API's words.
    const error =
      list.error instanceof ApiError && list.error.detail && list.error.status !== 403
        ? new Error(list.error.detail)
        : list.error;
    body = (
      <div className="card">
        <ErrorState title="Directors could not be loaded" error={error} onRetry={refresh} />
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
    const group = (title: string, people: DirectorView[], id: string) =>
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
          <Button size="sm" variant="ghost" onClick={refresh} busy={list.isFetching}>
            Refresh
          </Button>
        )}
      </div>
      {body}
    </section>
  );
}
