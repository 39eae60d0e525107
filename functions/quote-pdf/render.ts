import PDFDocument from 'pdfkit';
import type { DocumentAcceptance, DocumentLine, DocumentSection, DocumentTotals, QuoteDocument } from './document.js';
import { loadFonts } from './fonts.js';
import { formatDate, formatDiscount, formatMoney, formatQuantity, formatRate, formatTime } from './format.js';

type Pdf = PDFKit.PDFDocument;

/**
 * No default font (pdfkit takes `null`, its types only a name): Helvetica would be read from
 * pdfkit's AFM files, which a bundle lacks, and a default of DejaVu would share its name with the
 * registered one, which makes pdfkit parse the font again on every `font()` call (4 s, not 50 ms).
 */
const NO_DEFAULT_FONT = { font: null } as unknown as PDFKit.PDFDocumentOptions;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 50;
/** Below the brand strip every page carries. */
const CONTENT_TOP = 92;
/** Above the footer every page carries. */
const CONTENT_BOTTOM = PAGE.height - 64;
const RIGHT = PAGE.width - MARGIN;
const WIDTH = RIGHT - MARGIN;

const INK = '#1f2328';
const MUTED = '#59636e';
const HAIRLINE = '#d0d7de';
const OPTIONAL_FILL = '#f6f8fa';

/** The line table's columns (widths plus five gaps fill the page width); amounts right-aligned. */
const COLUMNS = [
  { key: 'description', title: 'Description', width: 165, align: 'left' },
  { key: 'quantity', title: 'Qty', width: 50, align: 'right' },
  { key: 'unitPrice', title: 'Unit price', width: 75, align: 'right' },
  { key: 'discount', title: 'Discount', width: 60, align: 'right' },
  { key: 'tax', title: 'Tax', width: 40, align: 'right' },
  { key: 'net', title: 'Net', width: 75, align: 'right' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const COLUMN_GAP = 6;
const TABLE_SIZE = 8.5;
const CELL_PAD = 4;

/**
 * Draws a quote as an A4 PDF: the tenant's brand strip and footer terms on every page with
 * "Page n of N", a line table that breaks across pages with its header repeated, optional lines
 * marked, totals and a tax summary per tier or for the quote, and an acceptance page once accepted.
 * Tiers are compared side by side (their totals in columns), then each tier's lines follow in a
 * full-width table: three line tables side by side would leave a description column of one or
 * two words. The same document always gives the same bytes (its dates come from the document).
 */
export async function renderQuotePdf(document: QuoteDocument): Promise<Buffer> {
  const fonts = loadFonts();
  const creationDate = new Date(document.acceptance?.acceptedAt ?? document.quote.issuedAt);
  const doc: Pdf = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins: { top: CONTENT_TOP, bottom: PAGE.height - CONTENT_BOTTOM, left: MARGIN, right: MARGIN },
    ...NO_DEFAULT_FONT,
    info: {
      Title: `${document.quote.number} v${document.quote.version}: ${document.quote.title}`,
      Author: document.branding.name,
      Subject: `Quote for ${document.quote.company.name}`,
      Producer: 'Quoteflow',
      Creator: 'Quoteflow',
      CreationDate: creationDate,
    },
  });
  // pdfkit takes a parsed fontkit font as a source, though its types list only paths and bytes.
  doc.registerFont('Body', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('Bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font('Body');

  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const accent = document.branding.accentColour;
  // Opened once, so the logo is embedded once however many pages show it.
  const logo = document.branding.logo ? openImage(doc, document.branding.logo) : undefined;
  doc.on('pageAdded', () => drawBrandStrip(doc, document, logo));
  doc.addPage();

  drawQuoteHeading(doc, document);
  if (document.body.kind === 'sections') {
    drawLineTable(doc, document.body.sections, document.quote.currency, accent);
    drawTotals(doc, document.body.totals, accent);
  } else {
    const { tiers } = document.body;
    drawTierComparison(doc, tiers, accent);
    for (const tier of tiers) {
      ensureSpace(doc, 60);
      heading(doc, `Option: ${tier.name}`, accent, 13);
      drawLineTable(doc, tier.sections, document.quote.currency, accent);
      drawTotals(doc, tier.totals, accent);
    }
  }
  drawTermsAndNotes(doc, document, accent);
  if (document.acceptance) drawAcceptancePage(doc, document.acceptance, accent);

  drawFooters(doc, document);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** An image pdfkit has parsed: `image()` takes it back and embeds it once (its types omit `openImage`). */
type OpenedImage = PDFKit.Mixins.ImageSrc;

function openImage(doc: Pdf, bytes: Uint8Array): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(Buffer.from(bytes));
}

function drawBrandStrip(doc: Pdf, { branding }: QuoteDocument, logo: OpenedImage | undefined): void {
  const top = 30;
  if (logo) {
    doc.image(logo, MARGIN, top, { fit: [150, 40] });
  } else {
    doc.font('Bold').fontSize(15).fillColor(branding.accentColour);
    doc.text(branding.name, MARGIN, top + 10, { width: 260, lineBreak: false, ellipsis: true });
  }
  doc.font('Body').fontSize(7.5).fillColor(MUTED);
  const address = (branding.logo ? [branding.name, ...branding.addressLines] : branding.addressLines).slice(0, 5);
  address.forEach((line, i) => {
    doc.text(line, RIGHT - 220, top + i * 9, { width: 220, align: 'right', lineBreak: false, ellipsis: true });
  });
  doc.moveTo(MARGIN, 76).lineTo(RIGHT, 76).lineWidth(1.5).strokeColor(branding.accentColour).stroke();
  doc.fillColor(INK).font('Body').fontSize(10);
  doc.x = MARGIN;
  doc.y = CONTENT_TOP;
}

function drawQuoteHeading(doc: Pdf, { quote }: QuoteDocument): void {
  doc.font('Bold').fontSize(17).fillColor(INK).text(quote.title, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
  const top = doc.y;
  const half = WIDTH / 2 - 10;

  doc.font('Bold').fontSize(8).fillColor(MUTED).text('PREPARED FOR', MARGIN, top, { width: half });
  doc.font('Bold').fontSize(10).fillColor(INK).text(quote.company.name, { width: half });
  doc.font('Body').fontSize(9);
  for (const line of quote.company.addressLines) doc.text(line, { width: half });
  if (quote.contact) {
    doc.moveDown(0.3).text(quote.contact.name, { width: half });
    if (quote.contact.email) doc.fillColor(MUTED).text(quote.contact.email, { width: half }).fillColor(INK);
  }
  const leftBottom = doc.y;

  const facts: [string, string][] = [
    ['Quote', quote.number],
    ['Version', String(quote.version)],
    ['Status', quote.status],
    ['Issued', formatDate(quote.issuedAt)],
    ...(quote.validUntil ? ([['Valid until', formatDate(quote.validUntil)]] as [string, string][]) : []),
    ['Currency', quote.currency],
  ];
  const x = MARGIN + WIDTH / 2 + 10;
  let y = top;
  for (const [label, value] of facts) {
    doc.font('Body').fontSize(9).fillColor(MUTED).text(label, x, y, { width: 80 });
    doc
      .font('Bold')
      .fillColor(INK)
      .text(value, x + 80, y, { width: half - 80 });
    y = doc.y + 1;
  }
  doc.x = MARGIN;
  doc.y = Math.max(leftBottom, y) + 14;
  doc.font('Body').fillColor(INK);
}

/** Starts a new page unless `height` points fit above the footer. */
function ensureSpace(doc: Pdf, height: number): boolean {
  if (doc.y + height <= CONTENT_BOTTOM) return false;
  doc.addPage();
  return true;
}

function heading(doc: Pdf, text: string, accent: string, size = 11): void {
  doc.font('Bold').fontSize(size).fillColor(accent).text(text, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3).font('Body').fillColor(INK);
}

interface Cell {
  text: string;
  font?: 'Body' | 'Bold';
  colour?: string;
}

function columnX(index: number): number {
  return MARGIN + COLUMNS.slice(0, index).reduce((x, c) => x + c.width + COLUMN_GAP, 0);
}

function rowHeight(doc: Pdf, cells: Record<ColumnKey, Cell[]>): number {
  let height = 0;
  COLUMNS.forEach((column) => {
    const h = cells[column.key].reduce((sum, cell) => {
      doc.font(cell.font ?? 'Body').fontSize(TABLE_SIZE);
      return sum + doc.heightOfString(cell.text || ' ', { width: column.width });
    }, 0);
    height = Math.max(height, h);
  });
  return height + CELL_PAD * 2;
}

function drawRow(doc: Pdf, cells: Record<ColumnKey, Cell[]>, height: number, fill?: string): void {
  const top = doc.y;
  if (fill) doc.rect(MARGIN - 3, top, WIDTH + 6, height).fill(fill);
  COLUMNS.forEach((column, i) => {
    let y = top + CELL_PAD;
    for (const cell of cells[column.key]) {
      doc
        .font(cell.font ?? 'Body')
        .fontSize(TABLE_SIZE)
        .fillColor(cell.colour ?? INK);
      doc.text(cell.text, columnX(i), y, { width: column.width, align: column.align });
      y = doc.y;
    }
  });
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(RIGHT, top + height)
    .lineWidth(0.5)
    .strokeColor(HAIRLINE)
    .stroke();
  doc.x = MARGIN;
  doc.y = top + height;
}

function drawTableHeader(doc: Pdf, accent: string): void {
  const top = doc.y;
  doc.font('Bold').fontSize(TABLE_SIZE).fillColor(accent);
  COLUMNS.forEach((column, i) => {
    doc.text(column.title, columnX(i), top + CELL_PAD, { width: column.width, align: column.align });
  });
  const bottom = top + CELL_PAD * 2 + doc.currentLineHeight();
  doc.moveTo(MARGIN, bottom).lineTo(RIGHT, bottom).lineWidth(1).strokeColor(accent).stroke();
  doc.x = MARGIN;
  doc.y = bottom;
  doc.fillColor(INK).font('Body');
}

function lineCells(line: DocumentLine): Record<ColumnKey, Cell[]> {
  const description: Cell[] = [{ text: line.description }];
  if (line.optional) {
    description.push({
      text: line.selected ? 'Optional item: included' : 'Optional item: not included in the total',
      font: 'Bold',
      colour: MUTED,
    });
  }
  const quantity = line.unit ? `${formatQuantity(line.quantity)} ${line.unit}` : formatQuantity(line.quantity);
  return {
    description,
    quantity: [{ text: quantity }],
    unitPrice: [{ text: formatMoney(line.unitPrice) }],
    discount: [{ text: formatDiscount(line.discount) }],
    tax: [{ text: formatRate(line.taxRateBps) }],
    net: [{ text: formatMoney(line.net), font: 'Bold' }],
  };
}

const EMPTY_CELLS = (): Record<ColumnKey, Cell[]> => ({
  description: [],
  quantity: [],
  unitPrice: [],
  discount: [],
  tax: [],
  net: [],
});

/** The line table: a row that would cross the footer starts a new page, under a repeated header. */
function drawLineTable(doc: Pdf, sections: readonly DocumentSection[], currency: string, accent: string): void {
  const headerHeight = CELL_PAD * 2 + 12;
  ensureSpace(doc, headerHeight + 30);
  drawTableHeader(doc, accent);
  const lineCount = sections.reduce((n, s) => n + s.lines.length, 0);
  if (lineCount === 0) {
    const cells = EMPTY_CELLS();
    cells.description = [{ text: `No lines yet (${currency}).`, colour: MUTED }];
    drawRow(doc, cells, rowHeight(doc, cells));
  }
  for (const section of sections) {
    let sectionTitle: Record<ColumnKey, Cell[]> | undefined;
    if (section.title) {
      sectionTitle = EMPTY_CELLS();
      sectionTitle.description = [{ text: section.title, font: 'Bold', colour: accent }];
    }
    section.lines.forEach((line, i) => {
      const cells = lineCells(line);
      const height = rowHeight(doc, cells);
      const titleHeight = sectionTitle && i === 0 ? rowHeight(doc, sectionTitle) : 0;
      if (ensureSpace(doc, height + titleHeight)) {
        drawTableHeader(doc, accent);
        if (sectionTitle && i > 0) {
          const continued = EMPTY_CELLS();
          continued.description = [{ text: `${section.title} (continued)`, font: 'Bold', colour: accent }];
          drawRow(doc, continued, rowHeight(doc, continued));
        }
      }
      if (sectionTitle && i === 0) drawRow(doc, sectionTitle, titleHeight);
      drawRow(doc, cells, height, line.optional ? OPTIONAL_FILL : undefined);
    });
  }
  doc.moveDown(0.8);
}

/** Totals on the right, the tax summary by rate on the left; kept together on one page. */
function drawTotals(doc: Pdf, totals: DocumentTotals, accent: string): void {
  const rows: [string, string][] = [
    ['Subtotal', formatMoney(totals.subtotal)],
    ['Discount', formatDiscount(totals.discount) || formatMoney(totals.discount)],
    ['Tax', formatMoney(totals.tax)],
  ];
  const height = Math.max(rows.length * 14 + 24, totals.taxSummary.length * 13 + 30);
  ensureSpace(doc, height + 10);
  const top = doc.y;

  const labelX = RIGHT - 220;
  let y = top;
  doc.fontSize(9.5);
  for (const [label, value] of rows) {
    doc.font('Body').fillColor(MUTED).text(label, labelX, y, { width: 100 });
    doc
      .font('Body')
      .fillColor(INK)
      .text(value, labelX + 100, y, { width: 120, align: 'right' });
    y += 14;
  }
  doc.moveTo(labelX, y).lineTo(RIGHT, y).lineWidth(1).strokeColor(accent).stroke();
  y += 5;
  doc.font('Bold').fontSize(11).fillColor(accent).text('Total', labelX, y, { width: 100 });
  doc.fillColor(INK).text(formatMoney(totals.total), labelX + 100, y, { width: 120, align: 'right' });
  const rightBottom = y + 18;

  let ty = top;
  const cols = [
    { title: 'Tax rate', x: MARGIN, width: 60, align: 'left' as const },
    { title: 'Net', x: MARGIN + 60, width: 85, align: 'right' as const },
    { title: 'Tax', x: MARGIN + 150, width: 85, align: 'right' as const },
  ];
  doc.font('Bold').fontSize(8.5).fillColor(accent);
  doc.text('Tax summary', MARGIN, ty, { width: 235 });
  ty += 13;
  doc.fillColor(MUTED);
  for (const c of cols) doc.text(c.title, c.x, ty, { width: c.width, align: c.align });
  ty += 12;
  doc.font('Body').fillColor(INK);
  for (const rate of totals.taxSummary) {
    const values = [formatRate(rate.rateBps), formatMoney(rate.net), formatMoney(rate.tax)];
    cols.forEach((c, i) => doc.text(values[i]!, c.x, ty, { width: c.width, align: c.align }));
    ty += 12;
  }
  doc.x = MARGIN;
  doc.y = Math.max(rightBottom, ty) + 16;
  doc.font('Body').fontSize(10).fillColor(INK);
}

/** The tiers' totals side by side, so the customer compares options at a glance. */
function drawTierComparison(
  doc: Pdf,
  tiers: readonly { name: string; totals: DocumentTotals }[],
  accent: string,
): void {
  heading(doc, 'Your options', accent, 13);
  const labelWidth = 110;
  const columnWidth = (WIDTH - labelWidth) / Math.max(1, tiers.length);
  const rows: [string, (t: DocumentTotals) => string][] = [
    ['Subtotal', (t) => formatMoney(t.subtotal)],
    ['Discount', (t) => formatDiscount(t.discount) || formatMoney(t.discount)],
    ['Tax', (t) => formatMoney(t.tax)],
    ['Total', (t) => formatMoney(t.total)],
  ];
  ensureSpace(doc, 20 + rows.length * 15 + 20);
  let y = doc.y;
  doc.font('Bold').fontSize(10.5).fillColor(accent);
  tiers.forEach((tier, i) => {
    doc.text(tier.name, MARGIN + labelWidth + i * columnWidth, y, { width: columnWidth - 6, align: 'right' });
  });
  y += 16;
  doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(1).strokeColor(accent).stroke();
  y += 4;
  for (const [label, value] of rows) {
    const bold = label === 'Total';
    doc
      .font(bold ? 'Bold' : 'Body')
      .fontSize(9.5)
      .fillColor(bold ? INK : MUTED)
      .text(label, MARGIN, y, { width: labelWidth });
    doc.fillColor(INK);
    tiers.forEach((tier, i) => {
      doc.text(value(tier.totals), MARGIN + labelWidth + i * columnWidth, y, {
        width: columnWidth - 6,
        align: 'right',
      });
    });
    y += 15;
  }
  doc.x = MARGIN;
  doc.y = y + 16;
  doc.font('Body').fontSize(10).fillColor(INK);
}

function drawTermsAndNotes(doc: Pdf, { quote }: QuoteDocument, accent: string): void {
  for (const [title, text] of [
    ['Notes', quote.notes],
    ['Terms', quote.terms],
  ] as const) {
    if (!text) continue;
    ensureSpace(doc, 50);
    heading(doc, title, accent);
    doc.font('Body').fontSize(9).fillColor(INK).text(text, MARGIN, doc.y, { width: WIDTH });
    doc.moveDown(1);
  }
}

function drawAcceptancePage(doc: Pdf, acceptance: DocumentAcceptance, accent: string): void {
  doc.addPage();
  heading(doc, 'Acceptance', accent, 17);
  doc
    .font('Body')
    .fontSize(9.5)
    .fillColor(MUTED)
    .text('This quote was accepted online. The evidence recorded at acceptance:', { width: WIDTH });
  doc.moveDown(1);
  const rows: [string, string][] = [
    ['Accepted by', acceptance.name],
    ...(acceptance.tierName ? ([['Option chosen', acceptance.tierName]] as [string, string][]) : []),
    ['Accepted at', formatTime(acceptance.acceptedAt)],
    ['IP address', acceptance.ip],
    ['Browser', acceptance.userAgent],
    ['SHA-256 of the PDF shown', acceptance.pdfSha256],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Body').fontSize(9.5).fillColor(MUTED).text(label, MARGIN, y, { width: 140 });
    doc
      .font('Bold')
      .fillColor(INK)
      .text(value, MARGIN + 150, y, { width: WIDTH - 150 });
    doc.y = Math.max(doc.y, y + 14) + 4;
  }
  doc.moveDown(1);
  heading(doc, 'Signature', accent);
  const top = doc.y;
  if (acceptance.signature.kind === 'typed') {
    doc
      .font('Bold')
      .fontSize(22)
      .fillColor(INK)
      .text(acceptance.signature.text, MARGIN + 10, top + 12, {
        width: WIDTH - 20,
      });
  } else {
    doc.image(Buffer.from(acceptance.signature.png), MARGIN + 10, top + 8, { fit: [260, 80] });
  }
  const bottom = Math.max(doc.y, top + 96);
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(MARGIN + 280, bottom)
    .lineWidth(0.75)
    .strokeColor(MUTED)
    .stroke();
  doc.x = MARGIN;
  doc.y = bottom + 6;
}

/** Footer terms and "Page n of N" on every page, drawn once the page count is known. */
function drawFooters(doc: Pdf, { branding, quote }: QuoteDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = CONTENT_BOTTOM + 14;
    doc
      .moveTo(MARGIN, top - 6)
      .lineTo(RIGHT, top - 6)
      .lineWidth(0.5)
      .strokeColor(HAIRLINE)
      .stroke();
    doc.font('Body').fontSize(7).fillColor(MUTED);
    doc.text(branding.footerTerms, MARGIN, top, { width: WIDTH - 150, height: 36, ellipsis: true });
    doc.text(`${quote.number} v${quote.version}`, RIGHT - 140, top, { width: 140, align: 'right', lineBreak: false });
    doc.font('Bold').fillColor(INK);
    doc.text(`Page ${i - start + 1} of ${count}`, RIGHT - 140, top + 10, {
      width: 140,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}
