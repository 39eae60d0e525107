import type { QuoteView } from '../../../../functions/quotes/contract';
import type { QuoteLineInput } from '../../../../functions/quotes/pricing-schema';
import { toMajorText, toMinorUnits } from '../deals/money';

/**
 * The builder's lines as the seller types them (text, so "2.5" and "" are kept as typed), and the
 * pure steps on them: reorder, group under section headers, and turn into the request's lines.
 * The contract schema (quoteLineInput) checks what `toLineInput` makes; nothing here re-states it.
 */
export interface EditorLine {
  /** Local identity for React and drag and drop; never sent. */
  key: string;
  /** The server's id, kept so revisions compare line by line. */
  lineId?: string;
  productId?: string;
  /** "NW-LAP-14 · Laptop 14″", shown beside a catalog line. */
  productLabel?: string;
  description: string;
  quantity: string;
  /** Empty: the catalog's price (only for catalog lines). */
  unitPrice: string;
  discountMode: 'percent' | 'amount';
  discount: string;
  /** Percent; empty: the product's rate (only for catalog lines). */
  taxRate: string;
  optional: boolean;
  selected: boolean;
  section: string;
  /** An AI-drafted line the catalog could not price: flagged until the seller types a price. */
  needsPrice?: boolean;
}

export interface EditorScope {
  name: string;
  lines: EditorLine[];
}

let counter = 0;
export const newKey = (): string => `l${Date.now().toString(36)}${(counter++).toString(36)}`;

export const blankLine = (section = ''): EditorLine => ({
  key: newKey(),
  description: '',
  quantity: '1',
  unitPrice: '',
  discountMode: 'percent',
  discount: '',
  taxRate: '20',
  optional: false,
  selected: false,
  section,
});

/** Moves the line at `from` to `to` (both clamped); the same array when nothing moves. */
export function moveLine<T>(lines: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(lines.length - 1, to));
  if (from < 0 || from >= lines.length || from === target) return lines as T[];
  const next = [...lines];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved!);
  return next;
}

export interface SectionGroup<T> {
  /** The header shown above the rows; '' for lines before any section. */
  section: string;
  rows: { line: T; index: number }[];
}

/** Consecutive lines with the same `section` under one header, in line order (a section may recur). */
export function groupBySection<T extends { section?: string | undefined }>(lines: readonly T[]): SectionGroup<T>[] {
  const groups: SectionGroup<T>[] = [];
  lines.forEach((line, index) => {
    const section = (line.section ?? '').trim();
    const last = groups[groups.length - 1];
    if (last && last.section === section) last.rows.push({ line, index });
    else groups.push({ section, rows: [{ line, index }] });
  });
  return groups;
}

const numberOf = (text: string): number => {
  const cleaned = text.replace(/[\s,]/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
};
const bpsOf = (text: string): number => Math.round(numberOf(text) * 100);

/** The request's line for an editor line: a typed figure is sent, an empty catalog one left to the catalog. */
export function toLineInput(line: EditorLine, currency: string): QuoteLineInput {
  const fromCatalog = Boolean(line.productId);
  const discount = line.discount.trim();
  return {
    ...(line.lineId ? { lineId: line.lineId } : {}),
    ...(line.productId ? { productId: line.productId } : {}),
    description: line.description.trim(),
    quantity: numberOf(line.quantity),
    ...(line.unitPrice.trim() || !fromCatalog
      ? { unitPrice: { amount: toMinorUnits(line.unitPrice, currency), currency } }
      : {}),
    ...(discount === ''
      ? {}
      : line.discountMode === 'percent'
        ? { discountBps: bpsOf(discount) }
        : { discountAmount: toMinorUnits(discount, currency) }),
    ...(line.taxRate.trim() || !fromCatalog ? { taxRateBps: bpsOf(line.taxRate) } : {}),
    ...(line.optional ? { optional: true, selected: line.selected } : {}),
    ...(line.section.trim() ? { section: line.section.trim() } : {}),
  };
}

type PricedLine = NonNullable<QuoteView['lines']>[number];

/** An editor line for a saved line: typed figures stay typed; catalog and rule prices stay the catalog's. */
export function fromPricedLine(line: PricedLine): EditorLine {
  const typed = line.priceSource === 'typed' || !line.productId;
  return {
    key: newKey(),
    ...(line.lineId ? { lineId: line.lineId } : {}),
    ...(line.productId ? { productId: line.productId } : {}),
    description: line.description,
    quantity: String(line.quantity),
    unitPrice: typed ? toMajorText(line.unitPrice) : '',
    discountMode: line.discountAmount !== undefined ? 'amount' : 'percent',
    discount:
      line.discountAmount !== undefined
        ? toMajorText({ amount: line.discountAmount, currency: line.unitPrice.currency })
        : line.discountBps !== undefined
          ? String(line.discountBps / 100)
          : '',
    taxRate: String(line.taxRateBps / 100),
    optional: Boolean(line.optional),
    selected: Boolean(line.selected),
    section: line.section ?? '',
  };
}

/** The scopes of a saved quote: one unnamed scope for `lines`, or one per tier. */
export function scopesOf(quote: Pick<QuoteView, 'lines' | 'tiers'>): { tiered: boolean; scopes: EditorScope[] } {
  if (quote.tiers?.length)
    return { tiered: true, scopes: quote.tiers.map((t) => ({ name: t.name, lines: t.lines.map(fromPricedLine) })) };
  return { tiered: false, scopes: [{ name: '', lines: (quote.lines ?? []).map(fromPricedLine) }] };
}

/** The path prefix of a scope's lines in a request: `lines` or `tiers.1.lines`. */
export const scopePath = (tiered: boolean, index: number): string => (tiered ? `tiers.${index}.lines` : 'lines');

/** The editor cell a problem's path lands on: `lines.2.unitPrice.amount` → `lines.2.unitPrice`. */
export function cellOf(path: string): string {
  const match = /^((?:tiers\.\d+\.)?lines\.\d+)\.(\w+)/.exec(path);
  if (!match) return path;
  const field = match[2]!;
  const cell =
    field === 'discountBps' || field === 'discountAmount' ? 'discount' : field === 'taxRateBps' ? 'taxRate' : field;
  return `${match[1]}.${cell}`;
}

export const GOOD_BETTER_BEST = ['Good', 'Better', 'Best'] as const;

/** Untiered → three tiers with the same lines to start from; tiered → the first tier's lines. */
export function switchMode(scopes: EditorScope[], toTiered: boolean): EditorScope[] {
  if (toTiered)
    return GOOD_BETTER_BEST.map((name) => ({
      name,
      lines: scopes[0]!.lines.map((l) => {
        const { lineId: _lineId, ...rest } = l;
        return { ...rest, key: newKey() };
      }),
    }));
  return [{ name: '', lines: scopes[0]?.lines ?? [] }];
}
