import { describe, expect, it } from 'vitest';
import type { CatalogFacts, CompanyFacts } from '../../functions/ai/facts.js';
import { draftQuoteOffline } from '../../functions/ai/offline-quote-draft.js';
import { zodTextFormat } from 'openai/helpers/zod';
import { OUTPUT_SCHEMAS, quoteDraftSchemaFor } from '../../functions/ai/schemas.js';

const product = (
  code: string,
  name: string,
  category: string,
  unit: string,
  unitPrice: number,
  description?: string,
) => ({
  productId: `p-${code}`,
  code,
  name,
  category,
  unit,
  unitPrice,
  ...(description ? { description } : {}),
});

/** A catalog like the demo tenant's. */
const catalog: CatalogFacts = {
  currency: 'GBP',
  products: [
    product('NW-M365-BP', 'Microsoft 365 Business Premium', 'Licences', 'month', 1_982),
    product('NW-M365-BS', 'Microsoft 365 Business Standard', 'Licences', 'month', 1_227),
    product('NW-LAP-14', 'Dell Latitude 14 laptop', 'Hardware', 'each', 116_230),
    product('NW-FW-60F', 'Fortinet FortiGate 60F firewall', 'Hardware', 'each', 71_980),
    product('NW-AP-U7', 'Ubiquiti U7 Pro access point', 'Hardware', 'each', 21_122),
    product('NW-WIFI-SRV', 'Wi-Fi site survey', 'Projects', 'day', 85_000),
    product(
      'NW-MS-USER',
      'Managed support, per user',
      'Managed services',
      'month',
      3_500,
      'Helpdesk 8–6 weekdays, patching, monitoring',
    ),
  ],
  roles: [
    { role: 'Field engineer', rateCard: 'Standard rates 2026', dayRate: 65_000 },
    { role: 'Project manager', rateCard: 'Standard rates 2026', dayRate: 75_000 },
  ],
  truncated: false,
};

const facts = (requirements: string, extra: Partial<CompanyFacts> = {}): CompanyFacts => ({
  asOf: '2026-12-01T10:00:00.000Z',
  company: {
    name: 'Café Łódź Systems',
    stage: 'opportunity',
    tags: [],
    knownFacts: [],
    locations: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  contacts: [],
  activities: [],
  requirements,
  catalog,
  ...extra,
});

const linesOf = (draft: ReturnType<typeof draftQuoteOffline>, tier: number) =>
  draft.tiers[tier]!.lines.map((l) => [l.kind, l.reference, l.quantity]);

describe('the offline quote drafter', () => {
  const office = 'New office for 30 staff: 25 laptops, wireless, a firewall, Microsoft 365 and structured cabling';

  it('names catalog products by code with the quantities asked for, in Good, Better and Best', () => {
    const draft = draftQuoteOffline(facts(office));
    expect(OUTPUT_SCHEMAS.quote_draft.safeParse(draft).success).toBe(true);
    expect(draft.tiers.map((t) => t.name)).toEqual(['Good', 'Better', 'Best']);
    expect(draft.title).toBe('Café Łódź Systems: hardware, licences and services');
    // Good: the cheapest of the two 365 plans, no labour.
    expect(linesOf(draft, 0)).toEqual([
      ['product', 'NW-LAP-14', 25],
      ['product', 'NW-AP-U7', 1],
      ['product', 'NW-FW-60F', 1],
      ['product', 'NW-M365-BS', 30],
      ['custom', '', 1],
    ]);
    // Best: the dearer plan, installation at about ten items a day, and project management.
    expect(linesOf(draft, 2)).toEqual([
      ['product', 'NW-LAP-14', 25],
      ['product', 'NW-AP-U7', 1],
      ['product', 'NW-FW-60F', 1],
      ['product', 'NW-M365-BP', 30],
      ['day_rate', 'Standard rates 2026 / Field engineer', 3],
      ['day_rate', 'Standard rates 2026 / Project manager', 1],
      ['custom', '', 1],
    ]);
  });

  it('turns what the catalog lacks into a custom line and says it needs a price', () => {
    const draft = draftQuoteOffline(facts(office));
    const cabling = draft.tiers[0]!.lines.find((l) => l.kind === 'custom')!;
    expect(cabling.description).toBe('Structured cabling');
    expect(draft.risks.map((r) => r.risk)).toContain('One line is not in the catalog and has no price yet');
    expect(draft.assumptions[0]).toBe('Quantities assume 30 users, as stated.');
  });

  it('offers one option when the seller asks for one', () => {
    const draft = draftQuoteOffline(facts(office, { tiers: 1 }));
    expect(draft.tiers.map((t) => t.name)).toEqual(['Proposal']);
    expect(quoteDraftSchemaFor(1).safeParse(draft).success).toBe(true);
  });

  it('reads the number that counts each thing: decimals, people and sites are not counts of the item', () => {
    const one = (requirements: string) => linesOf(draftQuoteOffline(facts(requirements, { tiers: 1 })), 0);
    expect(one('2.5 days of a field engineer')).toEqual([['day_rate', 'Standard rates 2026 / Field engineer', 2.5]]);
    expect(one('A firewall for 30 staff').slice(0, 1)).toEqual([['product', 'NW-FW-60F', 1]]);
    expect(one('10 laptops for 2 sites').slice(0, 1)).toEqual([['product', 'NW-LAP-14', 10]]);
    expect(one('1.23456 laptops').slice(0, 1)).toEqual([['product', 'NW-LAP-14', 1.2346]]);
    // Out of range: never a quantity the schema refuses.
    expect(one('0 laptops').slice(0, 1)).toEqual([['product', 'NW-LAP-14', 1]]);
    expect(one('2000000 laptops').slice(0, 1)).toEqual([['product', 'NW-LAP-14', 100_000]]);
    for (const r of ['0 printers', '150000 users on Microsoft 365', '2000000 laptops'])
      expect(OUTPUT_SCHEMAS.quote_draft.safeParse(draftQuoteOffline(facts(r))).success, r).toBe(true);
  });

  it('is a schema OpenAI structured outputs accept in strict mode, with or without a tier count', () => {
    for (const tiers of [undefined, 1, 3] as const) {
      const format = zodTextFormat(quoteDraftSchemaFor(tiers), 'quote_draft');
      expect(format).toMatchObject({ type: 'json_schema', strict: true });
    }
  });

  it('books a role asked for by name for the days given', () => {
    const draft = draftQuoteOffline(facts('A project manager for 4 days to plan our move', { tiers: 1 }));
    expect(linesOf(draft, 0)).toEqual([['day_rate', 'Standard rates 2026 / Project manager', 4]]);
  });

  it('with an empty catalog drafts one custom line from the requirements', () => {
    const draft = draftQuoteOffline(facts('Please look at our printers', { catalog: undefined }));
    expect(OUTPUT_SCHEMAS.quote_draft.safeParse(draft).success).toBe(true);
    expect(draft.tiers[0]!.lines.map((l) => l.kind)).toEqual(['custom']);
  });
});
