import { Link, useParams } from 'react-router-dom';
import { companiesApi } from '../../../functions/companies/contract';
import { useDocumentTitle } from '../shared/hooks';
import { useApiQuery } from '../shared/query';
import { EmptyState, ErrorState, Loading, PageHeading } from '../shared/ui';
import { CompanyForm } from './company-form';
import { useWorkspace } from './workspace';

/** `/companies/new` and `/companies/:companyId/edit`. */
export function CompanyFormPage() {
  const { companyId } = useParams();
  const { canWrite } = useWorkspace();
  const company = useApiQuery(
    companiesApi.get,
    { params: { companyId: companyId ?? '' } },
    { enabled: companyId !== undefined },
  );
  const retry = () => void company.refetch();
  const title = companyId ? (company.data ? `Edit ${company.data.name}` : 'Edit company') : 'New company';
  useDocumentTitle(title);

  const back = companyId ? (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={`/companies/${companyId}`}>← Back to {company.data?.name ?? 'company'}</Link>
    </nav>
  ) : (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/companies">← All companies</Link>
    </nav>
  );

  if (!canWrite) {
    return (
      <div className="page-narrow">
        {back}
        <PageHeading>{title}</PageHeading>
        <EmptyState title="You can view companies but not change them">
          Ask an owner or admin of your workspace for a different role.
        </EmptyState>
      </div>
    );
  }

  let content;
  // Once loaded, the form stays: a failed reload is reported inside it, not instead of it.
  if (companyId && company.error && !company.data) {
    content = (
      <div className="card">
        <ErrorState title="This company could not be loaded" error={company.error} onRetry={retry} />
      </div>
    );
  } else if (companyId && !company.data) {
    content = <Loading label="Loading company…" />;
  } else {
    // A reload after a conflict brings a new version, and with it a fresh form.
    content = (
      <CompanyForm key={company.data?.version ?? 'new'} company={company.data} onReload={() => company.refetch()} />
    );
  }

  return (
    <div className="page-narrow" style={{ margin: '0 auto' }}>
      {back}
      <div className="page-head">
        <div>
          <PageHeading>
            <span id="company-form-title">{title}</span>
          </PageHeading>
          <p className="page-sub">
            {companyId ? 'Change the details and save.' : 'Only the name is required; you can fill in the rest later.'}
          </p>
        </div>
      </div>
      {content}
    </div>
  );
}
