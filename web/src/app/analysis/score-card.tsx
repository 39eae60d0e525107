import { useId } from 'react';
import { cx } from '../../shared/format';
import { formatImpact, scoreBand, spokenImpact, type ScoreResult } from './model';

/** One score as a large number with a bar, and the factors that moved it, each with its evidence. */
export function ScoreCard({ title, hint, result }: { title: string; hint: string; result: ScoreResult }) {
  const titleId = useId();
  const score = Math.max(0, Math.min(100, Math.round(result.score)));
  const band = scoreBand(score);
  return (
    <section className="card card-pad score-card" aria-labelledby={titleId}>
      <h3 id={titleId} className="score-card-title">
        {title}
      </h3>
      <p className="score-card-hint">{hint}</p>
      <p className="score-big">
        <span className="score-number">{score}</span>
        <span className="score-max"> / 100</span>
      </p>
      <div className={cx('score-meter', `score-meter-${band}`)} aria-hidden="true">
        <span style={{ width: `${score}%` }} />
      </div>
      {result.factors.length > 0 ? (
        <>
          <h4 className="factors-title">What drove it</h4>
          <ul className="factors">
            {result.factors.map((f, i) => (
              <li key={`${f.label}-${i}`} className="factor">
                <span
                  className={cx('impact', f.impact > 0 ? 'impact-up' : f.impact < 0 ? 'impact-down' : 'impact-none')}
                >
                  <span aria-hidden="true">{formatImpact(f.impact)}</span>
                  <span className="sr-only">{spokenImpact(f.impact)}:</span>
                </span>
                <span className="factor-text">
                  <span className="factor-label">{f.label}</span>
                  {f.evidence && <span className="factor-evidence">{f.evidence}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted factors-none">No factors were reported for this score.</p>
      )}
    </section>
  );
}
