import { dashboardApi } from '../../../../functions/dashboard/contract';
import { useDocumentTitle } from '../../shared/hooks';
import { useApiQuery } from '../../shared/query';
import { ErrorState, Loading, PageHeading } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { ActivityPanel, ForecastPanel, LeadsPanel, Panel, PipelineChart, ResultsPanel, TasksPanel } from './panels';
import './dashboard.css';

const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The home page: where the pipeline stands, what is due, what happened, who to call next. */
export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const { me } = useWorkspace();
  // Coming back home shows what the day's work changed; the cached numbers show meanwhile.
  const dashboard = useApiQuery(
    dashboardApi.get,
    { query: { tz: browserTimeZone() } },
    { refetchInterval: 60_000, refetchOnMount: 'always' },
  );
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <PageHeading>Dashboard</PageHeading>
          <p className="page-sub">
            {me.tenant.name} · {new Date().toLocaleDateString(undefined, { dateStyle: 'full' })}
          </p>
        </div>
      </div>
      {dashboard.isPending ? (
        <Loading label="Loading your dashboard…" />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <div className="dash-grid">
          <Panel title="Pipeline" to="/deals">
            {dashboard.data.pipeline ? (
              <PipelineChart pipeline={dashboard.data.pipeline} />
            ) : (
              <p className="muted">No pipeline yet.</p>
            )}
          </Panel>
          <Panel title="Forecast this quarter" to="/deals?view=list">
            <ForecastPanel forecast={dashboard.data.forecastQuarter} />
          </Panel>
          <Panel title="Won and lost this month" to="/deals?view=list">
            <ResultsPanel results={dashboard.data.thisMonth} />
          </Panel>
          <Panel title="Tasks due" to="/tasks">
            <TasksPanel tasks={dashboard.data.tasks} />
          </Panel>
          <Panel title="Recent activity" to="/companies">
            <ActivityPanel items={dashboard.data.recentActivity} />
          </Panel>
          <Panel title="Top leads not yet contacted" to="/companies?stage=lead">
            <LeadsPanel leads={dashboard.data.topLeads} />
          </Panel>
        </div>
      )}
    </div>
  );
}
