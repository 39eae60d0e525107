import { Link } from 'react-router-dom';
import { formatDateTime, formatRelative } from '../format';
import { useApiQuery } from '../query';
import { CellLabel, ErrorState, Skeleton } from '../ui';
import { PROMPT_ROUTES, type PromptMode } from './routes';
import { PromptSourceBadge } from './source';

/**
 * Every prompt category with the prompt in effect: in the app the tenant's override, the system
 * prompt or the built-in default; in the console the system prompt or the default.
 */
export function PromptCategoryList({
  mode,
  linkTo,
  caption,
}: {
  mode: PromptMode;
  /** The in-app path of a category's page. */
  linkTo: (category: string) => string;
  caption: string;
}) {
  const list = useApiQuery(PROMPT_ROUTES[mode].list, {});

  if (list.error && !list.data) {
    return (
      <div className="card">
        <ErrorState title="The prompts could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
      </div>
    );
  }
  return (
    <div className="table-wrap" aria-busy={!list.data}>
      <table className="data-table responsive" role="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">In effect</th>
            <th scope="col">Model</th>
            <th scope="col">Last changed</th>
          </tr>
        </thead>
        <tbody>
          {!list.data
            ? Array.from({ length: 6 }, (_, i) => (
                <tr key={i} className="skeleton-row" role="row">
                  <td role="cell">
                    <span className="person">
                      <Skeleton width="160px" />
                      <Skeleton width="320px" />
                    </span>
                  </td>
                  <td role="cell">
                    <Skeleton width="120px" />
                  </td>
                  <td role="cell">
                    <Skeleton width="90px" />
                  </td>
                  <td role="cell">
                    <Skeleton width="90px" />
                  </td>
                </tr>
              ))
            : list.data.items.map((c) => (
                <tr key={c.category} className="clickable" role="row">
                  <td className="cell-primary" role="cell">
                    <span className="person">
                      <Link className="row-link" to={linkTo(c.category)}>
                        {c.label}
                      </Link>
                      <span className="prompt-list-description">{c.description}</span>
                    </span>
                  </td>
                  <td role="cell">
                    <CellLabel>In effect</CellLabel>
                    <PromptSourceBadge prompt={c.active} />
                  </td>
                  <td role="cell">
                    <CellLabel>Model</CellLabel>
                    <code>{c.active.model}</code>
                  </td>
                  <td role="cell" className="cell-muted cell-nowrap">
                    <CellLabel>Last changed</CellLabel>
                    {c.active.updatedAt ? (
                      <time dateTime={c.active.updatedAt} title={formatDateTime(c.active.updatedAt)}>
                        {formatRelative(c.active.updatedAt)}
                      </time>
                    ) : (
                      <span>Never</span>
                    )}
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
      {!list.data && (
        <span className="sr-only" role="status">
          Loading prompts…
        </span>
      )}
    </div>
  );
}
