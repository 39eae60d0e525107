import type { CatalogFacts } from '../ai/facts.js';
import { runWhileWaiting } from '../ai/interactive.js';
import type { AiProvider } from '../ai/provider.js';
import { quoteDraftSchemaFor, type QuoteDraft } from '../ai/schemas.js';
import { assertWithinBudget } from '../ai/usage.js';
import { gatherFacts } from '../analysis/facts.js';
import { catalogFacts, roleReference } from '../catalog/facts.js';
import { codeKeyOf } from '../catalog/products.js';
import { DEFAULT_TAX_RATE_BPS } from '../catalog/schema.js';
import { getCompany } from '../companies/service.js';
import { quoteDraftPrompt } from '../prompts/quote-draft.js';
import { resolvePrompt } from '../prompts/resolver.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import { QUOTE_DRAFT_BUDGET_MS } from '../shared/budgets.js';
import type { Deps } from '../shared/deps.js';
import { DomainRuleError } from '../shared/errors.js';
import { pricingCatalog } from './catalog.js';
import type { QuoteDraftView } from './contract.js';
import { isPricingErrors, priceQuote } from './pricing.js';
import { MAX_QUOTE_TIERS, QUANTITY_DECIMALS, type QuoteLineInput } from './pricing-schema.js';
import { createQuoteSchema, type CreateQuoteInput, type DraftQuoteInput } from './schema.js';

type DraftLine = QuoteDraft['tiers'][number]['lines'][number];
type LineNote = QuoteDraftView['lines'][number];
type CatalogProduct = CatalogFacts['products'][number];

const SCALE = 10 ** QUANTITY_DECIMALS;
/** The model's quantity as a quote takes it: more than 0, at most four decimal places. */
const quantityOf = (q: number) => Math.max(1 / SCALE, Math.round(q * SCALE) / SCALE);

/** One line of text as a quote field takes it: trimmed, control characters gone, at most `max`. */
const clean = (s: string, max: number) =>
  s
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .trim()
    .slice(0, max);

/**
 * One drafted line as a quote line, priced from the workspace and never from the model: a
 * product by its code (the catalog and its rules price it), a role at its rate card's day rate,
 * anything else a custom line at zero that the seller must price.
 */
function toQuoteLine(
  line: DraftLine,
  catalog: CatalogFacts,
  products: Map<string, CatalogProduct>,
  path: string,
): { line: QuoteLineInput; note: LineNote } {
  const quantity = quantityOf(line.quantity);
  const section = clean(line.section, 120);
  const where = section ? { section } : {};
  const description = clean(line.description, 2000) || 'Item to be described';
  const reference = fold(line.reference.trim());
  const rationale = line.rationale;
  const product = line.kind === 'product' && reference ? products.get(reference) : undefined;
  if (product)
    return {
      line: { productId: product.productId, description: product.name, quantity, ...where },
      note: { path, source: 'catalog', rationale, needsPrice: false },
    };
  // "Card / Role" as listed; a bare role takes the first card that has it.
  const role =
    line.kind === 'day_rate' && reference
      ? (catalog.roles.find((r) => fold(roleReference(r)) === reference) ??
        catalog.roles.find((r) => fold(r.role) === reference))
      : undefined;
  if (role)
    return {
      line: {
        description: fold(description).includes(fold(role.role)) ? description : `${role.role}: ${description}`,
        quantity,
        unitPrice: { amount: role.dayRate, currency: catalog.currency },
        taxRateBps: DEFAULT_TAX_RATE_BPS,
        ...where,
      },
      note: { path, source: 'rate_card', rationale, needsPrice: false },
    };
  const missing =
    line.kind === 'custom' || !reference
      ? undefined
      : `The AI named ${line.kind === 'product' ? 'product' : 'role'} “${line.reference}”, which the ${line.kind === 'product' ? 'catalog' : 'rate card'} does not have`;
  return {
    line: {
      description,
      quantity,
      unitPrice: { amount: 0, currency: catalog.currency },
      taxRateBps: DEFAULT_TAX_RATE_BPS,
      ...where,
    },
    note: { path, source: 'custom', rationale, needsPrice: true, ...(missing ? { note: missing } : {}) },
  };
}

/**
 * The catalog's products by folded code: those the prompt listed, and any other code the model
 * named that the workspace sells (in its currency, not archived), looked up by its code claim.
 */
async function productsNamed(
  ctx: TenantContext,
  draft: QuoteDraft,
  catalog: CatalogFacts,
  deps: Deps,
): Promise<Map<string, CatalogProduct>> {
  const byCode = new Map(catalog.products.map((p) => [fold(p.code), p]));
  const unlisted = [
    ...new Set(
      draft.tiers.flatMap((t) =>
        t.lines.filter((l) => l.kind === 'product' && l.reference.trim()).map((l) => fold(l.reference.trim())),
      ),
    ),
  ].filter((code) => !byCode.has(code));
  if (unlisted.length === 0) return byCode;
  const claims = await deps.db.entities.productCode
    .get(unlisted.map((code) => ({ tenantId: ctx.tenantId, codeKey: codeKeyOf(code) })))
    .go();
  if (claims.data.length === 0) return byCode;
  const { data } = await deps.db.entities.product
    .get(claims.data.map((c) => ({ tenantId: ctx.tenantId, productId: c.productId })))
    .go();
  for (const p of data)
    if (p.active && p.unitPrice.currency === catalog.currency)
      byCode.set(fold(p.code), { ...p, unitPrice: p.unitPrice.amount });
  return byCode;
}

/** Tier names as a quote takes them: trimmed, at most 60 characters, and distinct ("Better (2)"). */
function tierNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const name = clean(raw, 60) || `Option ${i + 1}`;
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLocaleLowerCase()); n++) candidate = `${name.slice(0, 55)} (${n})`;
    seen.add(candidate.toLocaleLowerCase());
    return candidate;
  });
}

/** Scope and assumptions, as the quote's notes: the customer reads them on the quote and its PDF. */
const notesOf = (draft: QuoteDraft) =>
  [`Scope: ${draft.scope}`, 'Assumptions:', ...draft.assumptions.map((a) => `- ${a}`)].join('\n').slice(0, 5000);

/** The model answered something no quote can hold: a 422 the seller can retry, never a 5xx. */
const unusable = (detail: string, errors: { path: string; message: string }[] = []) =>
  new DomainRuleError(`The AI draft cannot be used as a quote: ${detail}. Try again or rephrase.`, errors);

/**
 * Drafts a quote for a company from the customer's requirements with the `quote_draft` prompt
 * (the tenant's, the platform's or the built-in one), over this workspace's catalog and rate
 * cards. Nothing is saved: the seller edits the draft and creates the quote from it. The AI
 * budget is checked first and the call is held to QUOTE_DRAFT_BUDGET_MS, as a prompt test run.
 */
export async function draftQuote(
  ctx: TenantContext,
  input: DraftQuoteInput,
  deps: Deps & { provider?: AiProvider; budgetMs?: number },
): Promise<QuoteDraftView> {
  const deadline = performance.now() + (deps.budgetMs ?? QUOTE_DRAFT_BUDGET_MS);
  const company = await getCompany(ctx, input.companyId, deps);
  await assertWithinBudget(ctx.tenantId, deps);
  const [prompt, known, catalog] = await Promise.all([
    resolvePrompt(ctx.tenantId, 'quote_draft', deps),
    gatherFacts(company, deps),
    catalogFacts(ctx, deps),
  ]);
  const facts = { ...known, requirements: input.requirements, tiers: input.tiers, catalog };
  const run = await runWhileWaiting(
    ctx.tenantId,
    quoteDraftPrompt(prompt),
    facts,
    deadline,
    deps,
    quoteDraftSchemaFor(input.tiers),
  );
  const draft = run.output;
  const products = await productsNamed(ctx, draft, catalog, deps);

  const notes: LineNote[] = [];
  const linesOf = (tier: QuoteDraft['tiers'][number], prefix: string) =>
    tier.lines.map((l, j) => {
      const { line, note } = toQuoteLine(l, catalog, products, `${prefix}${j}`);
      notes.push(note);
      return line;
    });
  const tiers = draft.tiers.slice(0, MAX_QUOTE_TIERS);
  const names = tierNames(tiers.map((t) => t.name));
  const content =
    tiers.length === 1
      ? { lines: linesOf(tiers[0]!, 'lines.') }
      : { tiers: tiers.map((t, i) => ({ name: names[i]!, lines: linesOf(t, `tiers.${i}.lines.`) })) };
  const parsed = createQuoteSchema.safeParse({
    companyId: company.companyId,
    title: clean(draft.title, 200) || `Quote for ${company.name}`.slice(0, 200),
    currency: catalog.currency,
    notes: notesOf(draft),
    ...content,
  });
  if (!parsed.success)
    throw unusable(
      'it does not make a valid quote',
      parsed.error.issues.map((i) => ({ path: `quote.${i.path.join('.')}`, message: i.message })),
    );
  const quote: CreateQuoteInput = parsed.data;

  const priced = priceQuote(
    { currency: quote.currency, companyId: quote.companyId, lines: quote.lines, tiers: quote.tiers },
    await pricingCatalog(ctx, quote, deps),
  );
  // e.g. a quantity whose line would pass the largest amount a quote holds.
  if (isPricingErrors(priced))
    throw unusable(
      'some lines cannot be priced',
      priced.errors.map((e) => ({ path: `quote.${e.path}`, message: e.message })),
    );
  return {
    quote,
    priced: priced.tiers
      ? { tiers: priced.tiers.map((t, i) => ({ ...t, summary: tiers[i]!.summary })) }
      : { lines: priced.lines, totals: priced.totals },
    lines: notes,
    scope: draft.scope,
    assumptions: draft.assumptions,
    risks: draft.risks,
    ai: {
      provider: run.provider,
      model: run.model,
      cached: run.cached,
      costMicros: run.costMicros,
      durationMs: run.durationMs,
      prompt: { source: prompt.source, version: prompt.version },
    },
  };
}
