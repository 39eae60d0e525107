import type { SearchToken } from '../data/search-token.js';
import { words } from './normalise.js';

/** What one query word read from the token index; `truncated` when it stopped at the cap. */
export interface WordMatches {
  word: string;
  tokens: SearchToken[];
  truncated: boolean;
}

export interface Ranked {
  token: SearchToken;
  score: number;
}

const EXACT = 3;

/**
 * The records matching every query word, best first: exact word over prefix, name over
 * domain/email/phone, then the most recently updated, then by title.
 *
 * A common prefix reads only the first `cap` tokens, so a record can be missing from one word's
 * read and still match. Candidates therefore come from the smallest complete read (or every read
 * when all were cut short), and a word whose read was cut short also accepts a candidate whose
 * title or subtitle has a word starting with it: "brightwater logist" still finds Brightwater
 * Logistics when 5,000 companies start with "logist".
 */
export function rank(perWord: WordMatches[], kinds?: ReadonlySet<string>): Ranked[] {
  const best = perWord.map(({ word, tokens }) => {
    const byRecord = new Map<string, Ranked>();
    for (const token of tokens) {
      if (kinds && !kinds.has(token.kind)) continue;
      const id = `${token.kind}:${token.recordId}`;
      const score = token.weight * (token.token === word ? EXACT : 1);
      const prev = byRecord.get(id);
      if (!prev || prev.score < score) byRecord.set(id, { token, score });
    }
    return byRecord;
  });
  const complete = best.filter((_, i) => !perWord[i]!.truncated).sort((a, b) => a.size - b.size);
  const pool = complete.length ? complete[0]! : new Map(best.flatMap((m) => [...m]));
  const ranked: Ranked[] = [];
  for (const [id, { token }] of pool) {
    let score = 0;
    let shown: string[] | undefined;
    const all = perWord.every(({ word, truncated }, i) => {
      const hit = best[i]!.get(id);
      if (hit) return ((score += hit.score), true);
      if (!truncated) return false;
      shown ??= words(`${token.title} ${token.subtitle ?? ''}`);
      const match = shown.find((w) => w.startsWith(word));
      if (match === undefined) return false;
      score += match === word ? EXACT : 1;
      return true;
    });
    if (all) ranked.push({ token, score });
  }
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.token.updatedAt.localeCompare(a.token.updatedAt) ||
      a.token.title.localeCompare(b.token.title),
  );
}
