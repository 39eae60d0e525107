import type { Money } from '../shared/money.js';

/**
 * What a quote PDF is drawn from: plain data, no I/O. Every amount is already priced (the pricing
 * engine's figures, integer minor units); the renderer formats them and never adds them up.
 */
export interface QuoteDocument {
  branding: DocumentBranding;
  quote: DocumentQuote;
  /** An untiered quote's sections, or a tiered quote's tiers: exactly one of the two. */
  body: UntieredBody | TieredBody;
  /** Present once the customer has accepted: adds an acceptance page. */
  acceptance?: DocumentAcceptance;
}

/** The tenant's look: name, logo, accent colour, address and the terms on every page's foot. */
export interface DocumentBranding {
  name: string;
  /** PNG or JPEG bytes. */
  logo?: Uint8Array;
  /** `#RRGGBB`: headings and rules. */
  accentColour: string;
  addressLines: readonly string[];
  footerTerms: string;
}

export interface DocumentQuote {
  /** `Q-2026-0001`. */
  number: string;
  version: number;
  title: string;
  status: string;
  /** ISO 8601; also the PDF's creation date, so a re-render is byte-identical. */
  issuedAt: string;
  /** ISO 8601 date or time. */
  validUntil?: string;
  currency: string;
  terms?: string;
  notes?: string;
  company: { name: string; addressLines: readonly string[] };
  contact?: { name: string; email?: string };
}

export interface UntieredBody {
  kind: 'sections';
  sections: readonly DocumentSection[];
  totals: DocumentTotals;
}

export interface TieredBody {
  kind: 'tiers';
  /** One to three, e.g. Good, Better, Best. */
  tiers: readonly DocumentTier[];
}

export interface DocumentSection {
  /** Omitted for a quote's single unnamed section. */
  title?: string;
  lines: readonly DocumentLine[];
}

export interface DocumentTier {
  name: string;
  sections: readonly DocumentSection[];
  totals: DocumentTotals;
}

export interface DocumentLine {
  description: string;
  /** May be fractional (2.5 hours). */
  quantity: number;
  unit?: string;
  unitPrice: Money;
  /** The line's discount as an amount (zero when none). */
  discount: Money;
  /** quantity × unit price − discount, as priced. */
  net: Money;
  taxRateBps: number;
  tax: Money;
  /** A line the customer may add; not in the totals unless selected. */
  optional: boolean;
  selected: boolean;
}

export interface DocumentTotals {
  subtotal: Money;
  discount: Money;
  tax: Money;
  total: Money;
  taxSummary: readonly { rateBps: number; net: Money; tax: Money }[];
}

/** The evidence of what was accepted, stamped on the final PDF. */
export interface DocumentAcceptance {
  name: string;
  /** Typed text, or the drawn signature as PNG bytes. */
  signature: { kind: 'typed'; text: string } | { kind: 'drawn'; png: Uint8Array };
  /** ISO 8601. */
  acceptedAt: string;
  ip: string;
  userAgent: string;
  /** SHA-256 (hex) of the PDF the customer was shown. */
  pdfSha256: string;
  /** The tier picked, for a tiered quote. */
  tierName?: string;
}
