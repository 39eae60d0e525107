import type {
  DocumentLine,
  DocumentSection,
  DocumentTotals,
  QuoteDocument,
} from '../../functions/quote-pdf/document.js';

/**
 * Quote documents for rendering tests and the benchmark. The figures are worked out here the way
 * the pricing engine would (the renderer never adds anything up), so a test can expect each total.
 */

/** A priced line: net = quantity × unit price − discount; tax half up on the net. */
export function pricedLine(
  description: string,
  quantity: number,
  unitPrice: number,
  options: {
    currency?: string;
    discount?: number;
    taxRateBps?: number;
    unit?: string;
    optional?: boolean;
    selected?: boolean;
  } = {},
): DocumentLine {
  const currency = options.currency ?? 'EUR';
  const discount = options.discount ?? 0;
  const taxRateBps = options.taxRateBps ?? 2000;
  const net = Math.round(quantity * unitPrice) - discount;
  const tax = Math.floor((net * taxRateBps + 5000) / 10_000);
  return {
    description,
    quantity,
    ...(options.unit ? { unit: options.unit } : {}),
    unitPrice: { amount: unitPrice, currency },
    discount: { amount: discount, currency },
    net: { amount: net, currency },
    taxRateBps,
    tax: { amount: tax, currency },
    optional: options.optional ?? false,
    selected: options.selected ?? false,
  };
}

/** Totals of the lines that count: every non-optional line and the selected optional ones. */
export function totalsOf(sections: readonly DocumentSection[], currency = 'EUR'): DocumentTotals {
  const lines = sections.flatMap((s) => s.lines).filter((l) => !l.optional || l.selected);
  const money = (amount: number) => ({ amount, currency });
  const sum = (pick: (l: DocumentLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  const rates = [...new Set(lines.map((l) => l.taxRateBps))].sort((a, b) => b - a);
  const subtotal = sum((l) => l.net.amount + l.discount.amount);
  const discount = sum((l) => l.discount.amount);
  const tax = sum((l) => l.tax.amount);
  return {
    subtotal: money(subtotal),
    discount: money(discount),
    tax: money(tax),
    total: money(subtotal - discount + tax),
    taxSummary: rates.map((rateBps) => {
      const at = lines.filter((l) => l.taxRateBps === rateBps);
      return {
        rateBps,
        net: money(at.reduce((n, l) => n + l.net.amount, 0)),
        tax: money(at.reduce((n, l) => n + l.tax.amount, 0)),
      };
    }),
  };
}

const BRANDING: QuoteDocument['branding'] = {
  name: 'Northwind Łódź Sp. z o.o.',
  accentColour: '#0B6E4F',
  addressLines: ['ul. Piotrkowska 104', '90-001 Łódź', 'Poland'],
  footerTerms:
    'Payment within 30 days of invoice. Prices exclude delivery unless stated. Northwind Łódź Sp. z o.o., KRS 0000123456.',
};

const QUOTE: QuoteDocument['quote'] = {
  number: 'Q-2026-0001',
  version: 2,
  title: 'Managed IT for the Łódź office',
  status: 'sent',
  issuedAt: '2026-03-02T09:30:00.000Z',
  validUntil: '2026-04-01',
  currency: 'EUR',
  terms: 'Valid for 30 days. Hardware is delivered within 10 working days of acceptance.',
  notes: 'Includes on-site setup by Zoë Brontë’s team.',
  company: { name: 'Café Zoë Łódź', addressLines: ['ul. Zielona 5', '90-601 Łódź'] },
  contact: { name: 'Zoë Brontë', email: 'zoe@cafe-zoe.example' },
};

/** An untiered quote of `count` lines in sections of 25 (the first line €1,234.50 × 1), with one optional line. */
export function sectionedDocument(count: number): QuoteDocument {
  const lines = Array.from({ length: count }, (_, i) =>
    i === 0
      ? pricedLine('Network audit in Łódź', 1, 123_450, { unit: 'day' })
      : pricedLine(
          i % 7 === 0
            ? `Laptop ${i}: 14" business laptop with a three-year next-business-day on-site warranty and imaging`
            : `Support hours, item ${i}`,
          i % 3 === 0 ? 2.5 : 1 + (i % 4),
          1_000 + i * 37,
          {
            discount: i % 5 === 0 ? 100 : 0,
            taxRateBps: i % 6 === 0 ? 500 : 2000,
            unit: i % 3 === 0 ? 'h' : undefined,
          },
        ),
  );
  if (count > 1) lines.push(pricedLine('Extended weekend cover', 1, 45_000, { optional: true }));
  const sections: DocumentSection[] = [];
  for (let i = 0; i < lines.length; i += 25) {
    sections.push({ title: `Section ${sections.length + 1}`, lines: lines.slice(i, i + 25) });
  }
  return {
    branding: BRANDING,
    quote: QUOTE,
    body: { kind: 'sections', sections, totals: totalsOf(sections) },
  };
}

/** Good, Better, Best: each its own lines, an optional line in Best (selected when `picked`). */
export function tieredDocument(options: { acceptedBest?: boolean } = {}): QuoteDocument {
  const tier = (name: string, factor: number, extra: DocumentLine[] = []) => {
    const sections: DocumentSection[] = [
      {
        lines: [
          pricedLine(`${name} support plan`, 12, 25_000 * factor, { unit: 'months' }),
          pricedLine('Onboarding', 1, 80_000, { discount: 8_000 }),
          ...extra,
        ],
      },
    ];
    return { name, sections, totals: totalsOf(sections) };
  };
  const accepted = options.acceptedBest ?? false;
  return {
    branding: BRANDING,
    quote: { ...QUOTE, status: accepted ? 'accepted' : 'sent' },
    body: {
      kind: 'tiers',
      tiers: [
        tier('Good', 1),
        tier('Better', 2),
        tier('Best', 3, [pricedLine('Spare laptop pool', 2, 99_900, { optional: true, selected: accepted })]),
      ],
    },
    ...(accepted
      ? {
          acceptance: {
            name: 'Zoë Brontë',
            signature: { kind: 'typed' as const, text: 'Zoë Brontë' },
            acceptedAt: '2026-03-05T14:03:09.000Z',
            ip: '203.0.113.7',
            userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
            pdfSha256: 'a'.repeat(64),
            tierName: 'Best',
          },
        }
      : {}),
  };
}
