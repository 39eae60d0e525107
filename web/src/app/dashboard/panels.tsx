import { Link, useNavigate } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../../../functions/dashboard/contract';
import { ACTIVITY_TYPE_LABELS } from '../../shared/labels';
import { formatDate, formatRelative } from '../../shared/format';
import { EmptyState } from '../../shared/ui';
import { formatTotals, majorUnits } from '../deals/money';

/** A titled card; the title links to the list the panel summarises. */
export function Panel({ title, to, children }: { title: string; to: string; children: React.ReactNode }) {
  return (
    <section className="card dash-panel" aria-labelledby={`panel-${to}`}>
      <h2 className="section-title" id={`panel-${to}`}>
        <Link to={to}>{title}</Link>
      </h2>
      {children}
    </section>
  );
}

const monthLabel = (month: string): string =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString(undefined, { month: 'short', year: 'numeric' });

/** Open deals per stage; a bar or a stage opens the board. */
export function PipelineChart({ pipeline }: { pipeline: NonNullable<DashboardView['pipeline']> }) {
  const navigate = useNavigate();
  const currency = pipeline.stages.flatMap((s) => s.totals)[0]?.currency;
  const data = pipeline.stages.map((s) => ({
    ...s,
    value: majorUnits(s.totals.find((t) => t.currency === currency) ?? { amount: 0, currency: currency ?? 'GBP' }),
  }));
  if (!data.some((s) => s.count)) {
    return <EmptyState title="No open deals">Deals you open appear here by stage.</EmptyState>;
  }
  return (
    <>
      <div className="dash-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
            <Tooltip formatter={(v) => [String(v), 'Deals']} />
            <Bar
              dataKey="count"
              fill="var(--accent)"
              radius={[4, 4, 0, 0]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(d: { payload?: unknown }) => d.payload && navigate('/deals')}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="dash-list">
        {pipeline.stages.map((s) => (
          <li key={s.stageId}>
            <Link to="/deals">{s.name}</Link>
            <span className="dash-figure">
              {s.count} · {formatTotals(s.totals)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Weighted value of open deals closing in each month of this quarter. */
export function ForecastPanel({ forecast }: { forecast: DashboardView['forecastQuarter'] }) {
  return (
    <>
      <p className="dash-big">{formatTotals(forecast.weighted, false)}</p>
      <p className="muted">
        Weighted by stage probability, closing {monthLabel(forecast.from)} – {monthLabel(forecast.to)}
      </p>
      <ul className="dash-list">
        {forecast.months.map((m) => (
          <li key={m.month}>
            <Link to={`/deals?view=list&month=${m.month}`}>{monthLabel(m.month)}</Link>
            <span className="dash-figure">{formatTotals(m.weighted)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Deals won and lost this month. */
export function ResultsPanel({ results }: { results: DashboardView['thisMonth'] }) {
  return (
    <div className="dash-results">
      <Link className="dash-result dash-won" to="/deals?view=list">
        <span className="dash-big">{results.won.count}</span>
        <span>won · {formatTotals(results.won.totals)}</span>
      </Link>
      <Link className="dash-result dash-lost" to="/deals?view=list">
        <span className="dash-big">{results.lost.count}</span>
        <span>lost · {formatTotals(results.lost.totals)}</span>
      </Link>
    </div>
  );
}

export function TasksPanel({ tasks }: { tasks: DashboardView['tasks'] }) {
  if (!tasks.items.length) return <EmptyState title="Nothing due">No tasks are overdue or due today.</EmptyState>;
  return (
    <>
      <p className="muted">
        {tasks.overdue} overdue · {tasks.today} due today
      </p>
      <ul className="dash-list">
        {tasks.items.map((t) => (
          <li key={t.taskId}>
            <Link to="/tasks" className="dash-text">
              {t.title}
            </Link>
            <span className={t.overdue ? 'dash-figure dash-overdue' : 'dash-figure'}>
              {t.overdue ? `Overdue · ${formatDate(t.dueAt)}` : formatRelative(t.dueAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ActivityPanel({ items }: { items: DashboardView['recentActivity'] }) {
  if (!items.length)
    return <EmptyState title="No activity yet">Calls, emails and meetings you log show here.</EmptyState>;
  return (
    <ul className="dash-list dash-stacked">
      {items.map((a) => (
        <li key={a.activityId}>
          <span>
            <strong>{ACTIVITY_TYPE_LABELS[a.type]}</strong> ·{' '}
            <Link to={`/companies/${a.companyId}`}>{a.companyName}</Link>
          </span>
          <span className="dash-subject">{a.subject}</span>
          <span className="muted dash-meta">
            {a.createdByName}, {formatRelative(a.occurredAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function LeadsPanel({ leads }: { leads: DashboardView['topLeads'] }) {
  if (!leads.length)
    return (
      <EmptyState title="No scored leads waiting">Analyse leads to see the best ones nobody has contacted.</EmptyState>
    );
  return (
    <ol className="dash-list">
      {leads.map((l) => (
        <li key={l.companyId}>
          <span className="dash-text">
            <Link to={`/companies/${l.companyId}`}>{l.name}</Link>
            {l.industry && <span className="muted dash-meta">{l.industry}</span>}
          </span>
          <span className="dash-figure" aria-label={`Lead score ${l.leadScore}`}>
            Score {l.leadScore}
          </span>
        </li>
      ))}
    </ol>
  );
}
