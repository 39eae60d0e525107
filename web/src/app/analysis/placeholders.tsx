import { ApiError, errorMessage } from '../../shared/api';
import { Skeleton } from '../../shared/ui';

export function SparkIcon() {
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8z" />
      <path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z" />
    </svg>
  );
}

export function AnalysisSkeleton() {
  return (
    <div role="status">
      <span className="sr-only">Loading analyses…</span>
      <div className="analysis-layout" aria-hidden="true">
        <div className="score-grid">
          {[0, 1].map((i) => (
            <div key={i} className="card card-pad stack" style={{ gap: 10 }}>
              <Skeleton width="40%" height="18px" />
              <Skeleton width="88px" height="44px" />
              <Skeleton width="100%" height="10px" />
              <Skeleton width="80%" />
              <Skeleton width="65%" />
            </div>
          ))}
        </div>
        <div className="card card-pad stack" style={{ gap: 10 }}>
          <Skeleton width="50%" height="18px" />
          <Skeleton width="90%" />
          <Skeleton width="70%" />
        </div>
      </div>
    </div>
  );
}

/** Why a run could not be started, in words (the API's detail, even for a 429 budget stop). */
export function startProblem(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 429) {
    const budget = error.type?.endsWith('ai-budget-exceeded');
    return {
      title: budget ? 'This month’s AI budget is used up' : 'Too many analyses at once',
      message: `${error.detail ?? errorMessage(error)}${budget ? ' An owner or admin can raise the monthly budget in Settings → AI.' : ''}`,
    };
  }
  return { title: 'The analysis could not be started', message: errorMessage(error) };
}
