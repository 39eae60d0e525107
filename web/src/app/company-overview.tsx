import type { ReactNode } from 'react';
import type { CompanyView } from '../../../functions/companies/contract';
import { formatAddress, formatDateTime } from '../shared/format';
import { Badge } from '../shared/ui';
import { StageBadge } from './stage-badge';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

const empty = <span className="empty-value">Not set</span>;

function Score({ value, label }: { value: number | undefined; label: string }) {
  if (value === undefined) return empty;
  return (
    <span className="score">
      <span className="score-bar" role="img" aria-label={`${label} ${value} out of 100`}>
        <span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </span>
      <span aria-hidden="true">{value} / 100</span>
    </span>
  );
}

/** The Overview tab: every field of the company, read-only. */
export function CompanyOverview({ company: c }: { company: CompanyView }) {
  const { userName } = useWorkspace();
  const rows: [string, ReactNode][] = [
    ['Stage', <StageBadge key="s" stage={c.stage} />],
    [
      'Domain',
      c.domain ? (
        <a href={`https://${c.domain}`} target="_blank" rel="noopener noreferrer">
          {c.domain}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : (
        empty
      ),
    ],
    ['Company number', c.companyNumber ?? empty],
    ['Industry', c.industry ?? empty],
    ['Owner', c.ownerId ? (userName(c.ownerId) ?? 'Former user') : <span className="empty-value">Unassigned</span>],
    [
      'Tags',
      c.tags.length ? (
        <ul className="tag-list">
          {c.tags.map((t) => (
            <li key={t}>
              <Badge>{t}</Badge>
            </li>
          ))}
        </ul>
      ) : (
        empty
      ),
    ],
    [
      'Known facts',
      c.knownFacts.length ? (
        <ul className="facts">
          {c.knownFacts.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      ) : (
        empty
      ),
    ],
    [
      c.addresses.length > 1 ? 'Addresses' : 'Address',
      c.addresses.length ? (
        <div className="stack" style={{ gap: 6 }}>
          {c.addresses.map((a, i) => (
            <address key={i} style={{ fontStyle: 'normal' }}>
              {a.type && (
                <span className="muted" style={{ textTransform: 'capitalize' }}>
                  {a.type}:{' '}
                </span>
              )}
              {formatAddress(a) || 'No details'}
            </address>
          ))}
        </div>
      ) : (
        empty
      ),
    ],
    ['Lead score', <Score key="l" value={c.leadScore} label="Lead score" />],
    ['Health score', <Score key="h" value={c.healthScore} label="Health score" />],
    [
      'Created',
      <span key="c" title={formatDateTime(c.createdAt)}>
        {formatDateTime(c.createdAt)}
      </span>,
    ],
    ['Last updated', <TimeAgo key="u" iso={c.updatedAt} />],
  ];
  return (
    <section className="card card-pad" aria-labelledby="overview-title">
      <h2 id="overview-title" className="section-title" style={{ marginBottom: 8 }}>
        Details
      </h2>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
