import { companiesApi } from '../../../../functions/companies/contract';
import { STAGES, type Stage } from '../../../../functions/shared/enums';
import { STAGE_LABELS } from '../../shared/labels';
import { useApiQuery } from '../../shared/query';

const shown = (count: number, more: boolean) => `${count.toLocaleString()}${more ? '+' : ''}`;

/** The stage filter: one chip per stage with how many companies are at it ("Lead 12"). */
export function StageChips({
  stage,
  onChange,
}: {
  stage: Stage | undefined;
  onChange: (s: Stage | undefined) => void;
}) {
  const counts = useApiQuery(companiesApi.stageCounts, {});
  const byStage = new Map(counts.data?.stages.map((s) => [s.stage, s]));
  const total = counts.data?.stages.reduce((sum, s) => sum + s.count, 0);
  const more = counts.data?.stages.some((s) => s.more) ?? false;
  const count = (text: string | undefined) =>
    text === undefined ? null : (
      <>
        {' '}
        <span className="chip-count">{text}</span>
      </>
    );
  return (
    <div className="chips" role="group" aria-label="Filter by stage">
      <button type="button" className="chip" aria-pressed={!stage} onClick={() => onChange(undefined)}>
        All stages
        {count(total === undefined ? undefined : shown(total, more))}
      </button>
      {STAGES.map((s) => {
        const c = byStage.get(s);
        return (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={stage === s}
            onClick={() => onChange(stage === s ? undefined : s)}
          >
            {STAGE_LABELS[s]}
            {count(c ? shown(c.count, c.more) : undefined)}
          </button>
        );
      })}
    </div>
  );
}
