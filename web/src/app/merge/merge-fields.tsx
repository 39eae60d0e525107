import type { ReactNode } from 'react';

export type Side = 'target' | 'source';

export interface FieldRow {
  field: string;
  label: string;
  target: ReactNode;
  source: ReactNode;
  /** The two values are the same: nothing to choose. */
  same: boolean;
}

const shown = (value: ReactNode) =>
  value === '' || value === null || value === undefined ? <em className="muted">(empty)</em> : value;

/**
 * The side-by-side choice of a merge: one row per field, a radio for each side's value. Rows
 * whose values agree show the value once.
 */
export function MergeFields({
  rows,
  targetName,
  sourceName,
  choices,
  onChoose,
}: {
  rows: FieldRow[];
  targetName: string;
  sourceName: string;
  choices: Record<string, Side>;
  onChoose: (field: string, side: Side) => void;
}) {
  const cell = (row: FieldRow, side: Side) => (
    <td>
      <label className="merge-choice">
        <input
          type="radio"
          name={`merge-${row.field}`}
          checked={(choices[row.field] ?? 'target') === side}
          onChange={() => onChoose(row.field, side)}
        />
        <span>
          <span className="merge-cell-side" aria-hidden="true">
            {side === 'target' ? 'Keep' : 'Merge in'}
          </span>
          <span className="sr-only">{row.label}: </span>
          {shown(row[side])}
        </span>
      </label>
    </td>
  );
  return (
    <div className="merge-table-wrap">
      <table className="merge-table">
        <caption className="sr-only">Choose which value to keep for each field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">
              Keep <span className="merge-side">{targetName}</span>
            </th>
            <th scope="col">
              Merge in <span className="merge-side">{sourceName}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} className={row.same ? 'merge-same' : undefined}>
              <th scope="row">{row.label}</th>
              {row.same ? (
                <td colSpan={2}>
                  {shown(row.target)}
                  <span className="merge-same-note"> · the same in both</span>
                </td>
              ) : (
                <>
                  {cell(row, 'target')}
                  {cell(row, 'source')}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Plain text of a list value, for the comparison. */
export const listText = (items: readonly string[] | undefined) => (items && items.length ? items.join(', ') : '');

export const CHILD_LABELS: Record<string, [string, string]> = {
  contact: ['contact', 'contacts'],
  activity: ['activity', 'activities'],
  timelineEntry: ['timeline entry', 'timeline entries'],
  analysisRun: ['analysis', 'analyses'],
  deal: ['deal', 'deals'],
  task: ['task', 'tasks'],
};

/** What a merge moved, in words: "6 contacts, 1 analysis". */
export function movedText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const [one, many] = CHILD_LABELS[kind] ?? [kind, kind];
      return `${n} ${n === 1 ? one : many}`;
    });
  return parts.length ? parts.join(', ') : 'nothing else';
}
