import type { Money } from '../shared/money.js';
import type { QuoteComparisonView } from './contract.js';
import type { PricedLine, QuoteTotals } from './pricing.js';

/** The priced content a quote stores (functions/data/quote.ts). */
export type StoredContent =
  | { lines: PricedLine[]; totals: QuoteTotals; tiers?: undefined }
  | { tiers: { name: string; lines: PricedLine[]; totals: QuoteTotals }[]; lines?: undefined; totals?: undefined };

const scopes = (c: StoredContent) =>
  c.tiers
    ? c.tiers.map((t) => ({ scope: t.name, lines: t.lines, total: t.totals.total }))
    : [{ scope: 'lines', lines: c.lines, total: c.totals.total }];

/** What a reader compares on a line; Money as its amount (one currency per quote). */
const COMPARED = ['description', 'quantity', 'unitPrice', 'discount', 'taxRateBps', 'optional', 'net'] as const;
const valueOf = (line: PricedLine, field: (typeof COMPARED)[number]): unknown => {
  const v = line[field];
  return v && typeof v === 'object' ? (v as Money).amount : (v ?? null);
};

/**
 * Two revisions line by line: lines are matched by `lineId` within the same scope (the untiered
 * lines, or a tier by name); a line only in `to` is added, only in `from` removed.
 */
export function compareContents(
  from: { revision: number; content: StoredContent },
  to: { revision: number; content: StoredContent },
): QuoteComparisonView {
  const changes: QuoteComparisonView['changes'] = [];
  const before = new Map(scopes(from.content).map((s) => [s.scope, s]));
  const after = new Map(scopes(to.content).map((s) => [s.scope, s]));
  for (const scope of new Set([...before.keys(), ...after.keys()])) {
    const old = new Map((before.get(scope)?.lines ?? []).map((l) => [l.lineId, l]));
    const now = after.get(scope)?.lines ?? [];
    for (const line of now) {
      const was = line.lineId ? old.get(line.lineId) : undefined;
      if (!was) {
        changes.push({ scope, change: 'added', description: line.description, fields: [] });
        continue;
      }
      old.delete(line.lineId);
      const fields = COMPARED.filter((f) => JSON.stringify(valueOf(was, f)) !== JSON.stringify(valueOf(line, f))).map(
        (f) => ({ field: f, from: valueOf(was, f), to: valueOf(line, f) }),
      );
      if (fields.length) changes.push({ scope, change: 'changed', description: line.description, fields });
    }
    for (const line of old.values())
      changes.push({ scope, change: 'removed', description: line.description, fields: [] });
  }
  const totals = [...new Set([...before.keys(), ...after.keys()])].map((scope) => ({
    scope,
    ...(before.get(scope) ? { from: before.get(scope)!.total } : {}),
    ...(after.get(scope) ? { to: after.get(scope)!.total } : {}),
  }));
  return { from: from.revision, to: to.revision, changes, totals };
}
