import { useMemo } from 'react';
import { cx } from '../format';
import { diffLines, diffStats, foldDiff } from './diff';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A line diff of one text between two versions: removed lines (only in the old one) are marked
 * "−" on red, added lines (only in the new one) "+" on green; the sign and a hidden "Removed" /
 * "Added" say it without colour. Long unchanged stretches are folded.
 */
export function TextDiff({
  title,
  oldText,
  newText,
  oldLabel,
  newLabel,
}: {
  title: string;
  oldText: string;
  newText: string;
  /** Names the old side's line numbers ("v1"). */
  oldLabel: string;
  newLabel: string;
}) {
  const lines = useMemo(() => diffLines(oldText, newText), [oldText, newText]);
  const { added, removed } = diffStats(lines);
  const hunks = useMemo(() => foldDiff(lines), [lines]);
  const unchanged = added === 0 && removed === 0;

  return (
    <section className="diff-block" aria-label={title}>
      <h4 className="diff-title">
        {title}
        <span className="diff-stats">
          {unchanged ? (
            'No changes'
          ) : (
            <>
              {added > 0 && <span className="diff-stat-add">+{plural(added, 'line')} added</span>}
              {removed > 0 && <span className="diff-stat-remove">−{plural(removed, 'line')} removed</span>}
            </>
          )}
        </span>
      </h4>
      {!unchanged && (
        <div className="diff-scroll">
          <table className="diff-table">
            <caption className="sr-only">
              {title}: lines of {oldLabel} and {newLabel}, {plural(added, 'line')} added and {plural(removed, 'line')}{' '}
              removed
            </caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">Line in {oldLabel}</th>
                <th scope="col">Line in {newLabel}</th>
                <th scope="col">Change</th>
                <th scope="col">Text</th>
              </tr>
            </thead>
            <tbody>
              {hunks.map((hunk, h) =>
                hunk.kind === 'skipped' ? (
                  <tr key={`s${h}`} className="diff-skip">
                    <td colSpan={4}>⋯ {plural(hunk.count, 'unchanged line')}</td>
                  </tr>
                ) : (
                  hunk.lines.map((line, i) => (
                    <tr
                      key={`${h}-${i}`}
                      className={cx(
                        'diff-line',
                        line.kind === 'add' && 'diff-add',
                        line.kind === 'remove' && 'diff-remove',
                      )}
                    >
                      <td className="diff-no">{line.oldNo ?? ''}</td>
                      <td className="diff-no">{line.newNo ?? ''}</td>
                      <td className="diff-sign">
                        <span aria-hidden="true">{line.kind === 'add' ? '+' : line.kind === 'remove' ? '−' : ''}</span>
                        <span className="sr-only">
                          {line.kind === 'add' ? 'Added' : line.kind === 'remove' ? 'Removed' : 'Unchanged'}
                        </span>
                      </td>
                      <td className="diff-text">{line.text === '' ? '\u00a0' : line.text}</td>
                    </tr>
                  ))
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A one-value field (model, temperature, name) before and after, or nothing when it is the same. */
export function ValueDiff({
  label,
  oldValue,
  newValue,
  oldLabel,
  newLabel,
}: {
  label: string;
  oldValue: string;
  newValue: string;
  oldLabel: string;
  newLabel: string;
}) {
  if (oldValue === newValue) return null;
  return (
    <div className="value-diff">
      <span className="value-diff-label">{label}</span>
      <span className="diff-remove value-diff-old">
        <span aria-hidden="true">− </span>
        <span className="sr-only">{oldLabel}: </span>
        {oldValue}
      </span>
      <span className="diff-add value-diff-new">
        <span aria-hidden="true">+ </span>
        <span className="sr-only">{newLabel}: </span>
        {newValue}
      </span>
    </div>
  );
}
