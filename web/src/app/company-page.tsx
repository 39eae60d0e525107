import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { companiesApi, type CompanyView } from '../../../functions/companies/contract';
import { ApiError, errorMessage } from '../shared/api';
import { useDocumentTitle } from '../shared/hooks';
import { useApiMutation, useApiQuery } from '../shared/query';
import {
  Button,
  ButtonLink,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  Skeleton,
  Tabs,
  useToast,
  type TabDef,
} from '../shared/ui';
import { ActivitiesTab } from './activities-tab';
import { AnalysisTab } from './analysis-tab';
import { useCompanyCache } from './company-cache';
import { CompanyOverview } from './company-overview';
import { ContactsTab } from './contacts-tab';
import { CompanyDealsTab } from './deals/company-deals-tab';
import { DirectorsTab } from './directors-tab';
import { RelatedQuotes } from './quotes/related-quotes';
import { StageBadge } from './stage-badge';
import { TasksTab } from './tasks-tab';
import { TimelineTab } from './timeline-tab';
import { useWorkspace } from './workspace';

type Tab =
  'overview' | 'contacts' | 'deals' | 'quotes' | 'activities' | 'tasks' | 'analysis' | 'directors' | 'timeline';
const TABS: TabDef<Tab>[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'deals', label: 'Deals' },
  { id: 'quotes', label: 'Quotes' },
  { id: 'activities', label: 'Activities' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'analysis', label: 'AI analysis' },
  { id: 'directors', label: 'Directors' },
  { id: 'timeline', label: 'Timeline' },
];
const isTab = (t: string | null): t is Tab => TABS.some((d) => d.id === t);

/** The company's scores in the header, linking to the analysis that explains them. */
function HeaderScores({ company: c }: { company: CompanyView }) {
  if (c.leadScore === undefined && c.healthScore === undefined) return null;
  return (
    <Link className="header-scores" to={{ search: '?tab=analysis' }} replace>
      {c.leadScore !== undefined && (
        <span>
          Lead <strong>{c.leadScore}</strong>
        </span>
      )}
      {c.healthScore !== undefined && (
        <span>
          Health <strong>{c.healthScore}</strong>
        </span>
      )}
      <span className="sr-only"> (open the AI analysis)</span>
    </Link>
  );
}

/** `/companies/:companyId`: header with actions, and Overview / Contacts / Activities / AI analysis / Directors / Timeline tabs. */
export function CompanyPage() {
  const { companyId = '' } = useParams();
  const toast = useToast();
  const cache = useCompanyCache();
  const navigate = useNavigate();
  const { canWrite } = useWorkspace();
  const [params, setParams] = useSearchParams();
  // Directors come from Companies House, whose shared quota viewers may not spend (the API answers 403).
  const tabs = canWrite ? TABS : TABS.filter((t) => t.id !== 'directors');
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) && tabs.some((t) => t.id === tabParam) ? tabParam : 'overview';
  const company = useApiQuery(companiesApi.get, { params: { companyId } });
  const retry = () => void company.refetch();
  const notFound = company.error instanceof ApiError && company.error.status === 404;
  useDocumentTitle(
    company.data?.name ?? (notFound ? 'Company not found' : company.error ? 'Company' : 'Loading company'),
  );

  const [confirming, setConfirming] = useState(false);
  const removal = useApiMutation(companiesApi.remove);

  const selectTab = (next: Tab) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (next === 'overview') p.delete('tab');
        else p.set('tab', next);
        return p;
      },
      { replace: true },
    );

  const remove = () => {
    if (!company.data) return;
    const { name } = company.data;
    removal.mutate(
      { params: { companyId } },
      {
        onSuccess: () => {
          toast(`${name} was deleted`);
          // Leave the page before its record leaves the cache, so nothing asks for it again.
          navigate('/companies', { replace: true });
          cache.deleted(companyId);
        },
      },
    );
  };

  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/companies">← All companies</Link>
    </nav>
  );

  if (!company.data) {
    if (notFound) {
      return (
        <>
          {back}
          <PageHeading>Company not found</PageHeading>
          <EmptyState
            title="This company does not exist"
            action={
              <ButtonLink to="/companies" variant="primary">
                Back to companies
              </ButtonLink>
            }
          >
            It may have been deleted, or the link is wrong.
          </EmptyState>
        </>
      );
    }
    if (company.error) {
      return (
        <>
          {back}
          <div className="card">
            <ErrorState title="This company could not be loaded" error={company.error} onRetry={retry} />
          </div>
        </>
      );
    }
    return (
      <>
        {back}
        <div className="page-head" aria-hidden="true">
          <div className="stack" style={{ gap: 8, width: '100%' }}>
            <Skeleton width="min(320px, 80%)" height="30px" />
            <Skeleton width="160px" />
          </div>
        </div>
        <Loading label="Loading company…" />
      </>
    );
  }

  const c = company.data;
  return (
    <>
      {back}
      <div className="page-head">
        <div>
          <PageHeading>{c.name}</PageHeading>
          <div className="page-sub">
            <StageBadge stage={c.stage} />
            {c.domain && (
              <a href={`https://${c.domain}`} target="_blank" rel="noopener noreferrer">
                {c.domain}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            )}
            {c.industry && <span>{c.industry}</span>}
            <HeaderScores company={c} />
          </div>
        </div>
        {canWrite && (
          <div className="row">
            <ButtonLink to={`/companies/${c.companyId}/edit`} variant="primary">
              Edit company
            </ButtonLink>
            <ButtonLink to={`/companies/${c.companyId}/merge`}>Merge with…</ButtonLink>
            <Button variant="ghost" className="btn-danger-text" onClick={() => setConfirming(true)}>
              Delete company
            </Button>
          </div>
        )}
      </div>

      <Tabs label="Company sections" idBase="company" tabs={tabs} selected={tab} onSelect={selectTab}>
        {tab === 'overview' && <CompanyOverview company={c} />}
        {tab === 'contacts' && <ContactsTab company={c} />}
        {tab === 'deals' && <CompanyDealsTab company={c} />}
        {tab === 'quotes' && <RelatedQuotes companyId={c.companyId} />}
        {tab === 'activities' && <ActivitiesTab company={c} />}
        {tab === 'tasks' && <TasksTab company={c} />}
        {tab === 'analysis' && <AnalysisTab company={c} />}
        {tab === 'directors' && <DirectorsTab company={c} />}
        {tab === 'timeline' && <TimelineTab companyId={c.companyId} />}
      </Tabs>

      <ConfirmDialog
        open={confirming}
        title="Delete this company?"
        confirmLabel="Delete company"
        busy={removal.isPending}
        error={removal.error ? errorMessage(removal.error) : null}
        onConfirm={remove}
        onCancel={() => {
          setConfirming(false);
          removal.reset();
        }}
      >
        <p>
          <strong>{c.name}</strong> and all of its contacts, activities and history will be deleted. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
