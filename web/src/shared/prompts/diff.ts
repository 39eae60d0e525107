/** A line of a diff: in both texts, only in the new one (`add`) or only in the old one (`remove`). */
export interface DiffLine {
  kind: 'same' | 'add' | 'remove';
  text: string;
  /** 1-based line number in the old text (not for added lines). */
  oldNo?: number;
  /** 1-based line number in the new text (not for removed lines). */
  newNo?: number;
}

/** Above this many cells the LCS table is not built; the differing middle shows as removed + added. */
const MAX_CELLS = 4_000_000;

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/**
 * A line diff of `oldText` → `newText` by longest common subsequence. The common head and tail are
 * matched first, so the table only covers the part that changed.
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', text: a[i]!, oldNo: i + 1, newNo: i + 1 });

  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n > 0 || m > 0) {
    if ((n + 1) * (m + 1) > MAX_CELLS) {
      midA.forEach((text, i) => out.push({ kind: 'remove', text, oldNo: start + i + 1 }));
      midB.forEach((text, j) => out.push({ kind: 'add', text, newNo: start + j + 1 }));
    } else {
      // lcs[i][j]: the LCS length of midA[i..] and midB[j..], in one flat array.
      const width = m + 1;
      const lcs = new Uint32Array((n + 1) * width);
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          lcs[i * width + j] =
            midA[i] === midB[j]
              ? lcs[(i + 1) * width + j + 1]! + 1
              : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && midA[i] === midB[j]) {
          out.push({ kind: 'same', text: midA[i]!, oldNo: start + i + 1, newNo: start + j + 1 });
          i++;
          j++;
        } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
          out.push({ kind: 'add', text: midB[j]!, newNo: start + j + 1 });
          j++;
        } else {
          out.push({ kind: 'remove', text: midA[i]!, oldNo: start + i + 1 });
          i++;
        }
      }
      // Removed lines read better before the lines that replace them.
      reorderRemovalsFirst(out, start);
    }
  }

  for (let k = 0; k < a.length - endA; k++)
    out.push({ kind: 'same', text: a[endA + k]!, oldNo: endA + k + 1, newNo: endB + k + 1 });
  return out;
}

/** Within each run of changed lines (from index `from` on), puts the removals before the additions. */
function reorderRemovalsFirst(lines: DiffLine[], from: number): void {
  let k = from;
  while (k < lines.length) {
    if (lines[k]!.kind === 'same') {
      k++;
      continue;
    }
    let end = k;
    while (end < lines.length && lines[end]!.kind !== 'same') end++;
    const run = lines.slice(k, end);
    const sorted = [...run.filter((l) => l.kind === 'remove'), ...run.filter((l) => l.kind === 'add')];
    lines.splice(k, run.length, ...sorted);
    k = end;
  }
}

/** A stretch of a diff to show: changed lines with `context` unchanged lines around them. */
export type DiffHunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skipped'; count: number };

/** Folds long unchanged stretches, keeping `context` lines next to each change. */
export function foldDiff(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    if (keep[i]) {
      const chunk: DiffLine[] = [];
      while (i < lines.length && keep[i]) chunk.push(lines[i++]!);
      hunks.push({ kind: 'lines', lines: chunk });
    } else {
      let count = 0;
      while (i < lines.length && !keep[i]) {
        count++;
        i++;
      }
      hunks.push({ kind: 'skipped', count });
    }
  }
  return hunks;
}

/** How many lines were added and removed. */
export const diffStats = (lines: DiffLine[]) => ({
  added: lines.filter((l) => l.kind === 'add').length,
  removed: lines.filter((l) => l.kind === 'remove').length,
});
