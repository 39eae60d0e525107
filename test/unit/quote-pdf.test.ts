import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import type { QuoteDocument } from '../../functions/quote-pdf/document.js';
import { formatMoney, formatQuantity, formatRate } from '../../functions/quote-pdf/format.js';
import { renderQuotePdf } from '../../functions/quote-pdf/render.js';
import { pricedLine, sectionedDocument, tieredDocument, totalsOf } from '../support/quote-documents.js';

const dir = mkdtempSync(join(tmpdir(), 'quote-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function save(pdf: Buffer): string {
  const file = join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text of pages `first`..`last` (all when omitted) as `pdftotext -layout` reads it. */
function textOf(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

const eur = (amount: number) => formatMoney({ amount, currency: 'EUR' });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('quote PDF figures', () => {
  it('writes minor units exactly in the currency’s own form', () => {
    expect(formatMoney({ amount: 123_450, currency: 'EUR' })).toBe('€1,234.50');
    expect(formatMoney({ amount: 5, currency: 'GBP' })).toBe('£0.05');
    // Yen have no minor unit and dinars three: the symbol is ICU's, the digits are exact.
    expect(formatMoney({ amount: 1235, currency: 'JPY' })).toMatch(/¥1,235$/);
    expect(formatMoney({ amount: 1_234_567, currency: 'KWD' })).toMatch(/1,234\.567$/);
    expect(formatMoney({ amount: 100_000_000_000, currency: 'USD' })).toMatch(/\$1,000,000,000\.00$/);
    expect(formatMoney({ amount: 900_719_925_474_099, currency: 'GBP' })).toBe('£9,007,199,254,740.99');
    expect(formatRate(2000)).toBe('20%');
    expect(formatRate(550)).toBe('5.5%');
    expect(formatQuantity(2.5)).toBe('2.5');
    expect(formatQuantity(1000)).toBe('1,000');
  });
});

describe('renderQuotePdf', () => {
  const hundred = sectionedDocument(100);

  it('prints the quote, its accented names and every total of a 100-line quote', async () => {
    const file = save(await renderQuotePdf(hundred));
    const text = textOf(file);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Q-2026-0001');
    expect(text).toContain('Managed IT for the Łódź office');
    expect(text).toContain('Café Zoë Łódź');
    expect(text).toContain('Zoë Brontë');
    expect(text).toContain('€1,234.50');
    expect(text).toContain('Northwind Łódź Sp. z o.o.');
    const body = hundred.body;
    if (body.kind !== 'sections') throw new Error('sections expected');
    const { totals } = body;
    expect(text).toMatch(new RegExp(`Subtotal\\s+${escape(eur(totals.subtotal.amount))}`));
    expect(text).toMatch(new RegExp(`Discount\\s+−${escape(eur(totals.discount.amount))}`));
    expect(text).toMatch(new RegExp(`Tax\\s+${escape(eur(totals.tax.amount))}`));
    expect(text).toMatch(new RegExp(`Total\\s+${escape(eur(totals.total.amount))}`));
    for (const rate of totals.taxSummary) {
      expect(text).toMatch(
        new RegExp(`${formatRate(rate.rateBps)}\\s+${escape(eur(rate.net.amount))}\\s+${escape(eur(rate.tax.amount))}`),
      );
    }
    for (let page = 1; page <= pages; page++) {
      expect(textOf(file, { first: page, last: page })).toContain(`Page ${page} of ${pages}`);
    }
    expect(text).toContain('Payment within 30 days of invoice');
    expect(text.match(/Payment within 30 days of invoice/g)).toHaveLength(pages);
  });

  it('repeats the table header on page 2 and carries the section over', async () => {
    const file = save(await renderQuotePdf(hundred));
    const page2 = textOf(file, { first: 2, last: 2 });
    expect(page2).toMatch(/Description\s+Qty\s+Unit price\s+Discount\s+Tax\s+Net/);
    const lines = page2.split('\n');
    const header = lines.findIndex((l) => /Description\s+Qty/.test(l));
    expect(header).toBeGreaterThan(-1);
    expect(header).toBeLessThan(lines.findIndex((l) => /(item|Laptop) \d+/.test(l)));
    // A section cut by a page break is named again, and no line is lost at a break.
    const text = textOf(file);
    expect(text).toMatch(/Section \d \(continued\)/);
    for (let i = 1; i < 100; i++) expect(text).toMatch(new RegExp(`(item|Laptop) ${i}\\b`));
  });

  it('marks optional items and says whether they count', async () => {
    const text = textOf(save(await renderQuotePdf(hundred)));
    expect(text).toContain('Extended weekend cover');
    expect(text).toContain('Optional item: not included in');
    const accepted = textOf(save(await renderQuotePdf(tieredDocument({ acceptedBest: true }))));
    expect(accepted).toContain('Optional item: included');
  });

  it('compares tiers side by side and prints each tier’s lines and totals', async () => {
    const document = tieredDocument();
    const file = save(await renderQuotePdf(document));
    const text = textOf(file);
    expect(text).toMatch(/Good\s+Better\s+Best/);
    if (document.body.kind !== 'tiers') throw new Error('tiers expected');
    const [good, better, best] = document.body.tiers;
    expect(text).toMatch(
      new RegExp(
        `Total\\s+${escape(eur(good!.totals.total.amount))}\\s+${escape(eur(better!.totals.total.amount))}\\s+${escape(eur(best!.totals.total.amount))}`,
      ),
    );
    for (const tier of document.body.tiers) {
      expect(text).toContain(`Option: ${tier.name}`);
      expect(text).toContain(`${tier.name} support plan`);
    }
  });

  it('adds an acceptance page with the evidence', async () => {
    const file = save(await renderQuotePdf(tieredDocument({ acceptedBest: true })));
    const pages = pageCount(file);
    const last = textOf(file, { first: pages, last: pages });
    expect(last).toContain('Acceptance');
    expect(last).toMatch(/Accepted by\s+Zoë Brontë/);
    expect(last).toMatch(/Option chosen\s+Best/);
    expect(last).toContain('5 March 2026 at 14:03:09 UTC');
    expect(last).toContain('203.0.113.7');
    expect(last).toContain('iPhone OS 18_0');
    expect(last.replace(/\s/g, '')).toContain('a'.repeat(64));
    expect(last).toContain(`Page ${pages} of ${pages}`);
    expect(textOf(file, { first: 1, last: pages - 1 })).not.toContain('Accepted by');
  });

  it('gives the same bytes for the same document, and different ones when anything changes', async () => {
    const first = await renderQuotePdf(hundred);
    const again = await renderQuotePdf(structuredClone(hundred));
    expect(sha256(again)).toBe(sha256(first));
    const changed = await renderQuotePdf({ ...hundred, quote: { ...hundred.quote, version: 3 } });
    expect(sha256(changed)).not.toBe(sha256(first));
  });

  it('draws a PNG logo and a drawn signature, and the accent colour reaches the page', async () => {
    const png = await QRCode.toBuffer('https://northwind.example', { width: 120 });
    const base = tieredDocument({ acceptedBest: true });
    const document: QuoteDocument = {
      ...base,
      branding: { ...base.branding, logo: new Uint8Array(png), accentColour: '#C8102E' },
      acceptance: { ...base.acceptance!, signature: { kind: 'drawn', png: new Uint8Array(png) } },
    };
    const file = save(await renderQuotePdf(document));
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(pageCount(file) + 1);
    const pixels = ppm(execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', file]));
    expect(pixels.has('200,16,46')).toBe(true);
    // With a logo, the tenant's name moves into the address block.
    expect(textOf(file, { first: 1, last: 1 })).toContain('Northwind Łódź Sp. z o.o.');
  });

  it('prints a quote with no lines, an empty address and no contact', async () => {
    const sections = [{ lines: [] }];
    const base = sectionedDocument(1);
    const document: QuoteDocument = {
      branding: { ...base.branding, addressLines: [] },
      quote: { ...base.quote, contact: undefined, notes: undefined, terms: undefined, validUntil: undefined },
      body: { kind: 'sections', sections, totals: totalsOf(sections) },
    };
    const text = textOf(save(await renderQuotePdf(document)));
    expect(text).toContain('No lines yet');
    expect(text).toMatch(/Total\s+€0\.00/);
    expect(text).toContain('Page 1 of 1');
  });

  it('prints a long description and a ten-figure amount in full', async () => {
    const sections = [
      {
        title: 'Hardware',
        lines: [pricedLine('Ł'.repeat(30) + ' ' + 'word '.repeat(60), 1, 99_999_999_999, { taxRateBps: 0 })],
      },
    ];
    const base = sectionedDocument(1);
    const text = textOf(
      save(await renderQuotePdf({ ...base, body: { kind: 'sections', sections, totals: totalsOf(sections) } })),
    );
    expect(text).toContain('€999,999,999.99');
    expect(text).toMatch(/Total\s+€999,999,999\.99/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The distinct colours of a binary PPM (P6) image, as `r,g,b`. */
function ppm(image: Buffer): Set<string> {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 64).toString('latin1'))!;
  const start = header[0].length;
  const colours = new Set<string>();
  for (let i = start; i + 2 < image.length; i += 3) colours.add(`${image[i]},${image[i + 1]},${image[i + 2]}`);
  return colours;
}
