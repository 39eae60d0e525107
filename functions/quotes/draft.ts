import type { CatalogFacts } from '../ai/facts.js';
import { runWhileWaiting } from '../ai/interactive.js';
import type { AiProvider } from '../ai/provider.js';
import type { PromptContent } from '../ai/runner.js';
import type { QuoteDraft } from '../ai/schemas.js';
import { assertWithinBudget } from '../ai/usage.js';
import { gatherFacts } from '../analysis/facts.js';
import { catalogFacts } from '../catalog/facts.js';
import { DEFAULT_TAX_RATE_BPS } from '../catalog/schema.js';
import { getCompany } from '../companies/service.js';
import { variablesIn } from '../prompts/render.js';
import { resolvePrompt, type ResolvedPrompt } from '../prompts/resolver.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import { QUOTE_DRAFT_BUDGET_MS } from '../shared/budgets.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError } from '../shared/errors.js';
import { pricingCatalog } from './catalog.js';
import type { QuoteDraftView } from './contract.js';
import { isPricingErrors, priceQuote } from './pricing.js';
import { QUANTITY_DECIMALS, type QuoteLineInput } from './pricing-schema.js';
import type { CreateQuoteInput, DraftQuoteInput } from './schema.js';

type DraftLine = QuoteDraft['tiers'][number]['lines'][number];
type LineNote = QuoteDraftView['lines'][number];

const SCALE = 10 ** QUANTITY_DECIMALS;
/** The model's quantity as a quote takes it: more than 0, at most four decimal places. */
const quantityOf = (q: number) => Math.max(1 / SCALE, Math.round(q * SCALE) / SCALE);

const money = (amount: number, currency: string) => ({ amount, currency });

/**
 * One drafted line as a quote line, priced from the workspace and never from the model: a
 * product by its code (the catalog and its rules price it), a role at its rate card's day rate,
 * anything else a custom line at zero that the seller must price.
 */
function toQuoteLine(line: DraftLine, catalog: CatalogFacts, path: string): { line: QuoteLineInput; note: LineNote } {
  const quantity = quantityOf(line.quantity);
  const section = line.section.trim() ? { section: line.section.trim().slice(0, 120) } : {};
  const reference = fold(line.reference.trim());
  const rationale = line.rationale;
  if (line.kind === 'product' && reference) {
    const product = catalog.products.find((p) => fold(p.code) === reference);
    if (product)
      return {
        line: { productId: product.productId, description: product.name, quantity, ...section },
        note: { path, source: 'catalog', rationale, needsPrice: false },
      };
  }
  if (line.kind === 'day_rate' && reference) {
    const role = catalog.roles.find((r) => fold(r.role) === reference);
    if (role)
      return {
        line: {
          description: fold(line.description).includes(fold(role.role))
            ? line.description
            : `${role.role}: ${line.description}`.slice(0, 2000),
          quantity,
          unitPrice: money(role.dayRate, catalog.currency),
          taxRateBps: DEFAULT_TAX_RATE_BPS,
          ...section,
        },
        note: { path, source: 'rate_card', rationale, needsPrice: false },
      };
  }
  const missing =
    line.kind === 'custom' || !reference
      ? undefined
      : `The AI named ${line.kind === 'product' ? 'product' : 'role'} “${line.reference}”, which the ${line.kind === 'product' ? 'catalog' : 'rate card'} does not have`;
  return {
    line: {
      description: line.description,
      quantity,
      unitPrice: money(0, catalog.currency),
      taxRateBps: DEFAULT_TAX_RATE_BPS,
      ...section,
    },
    note: { path, source: 'custom', rationale, needsPrice: true, ...(missing ? { note: missing } : {}) },
  };
}

/** Tier names must differ on a quote; a model repeating one gets "Better (2)". */
function distinctNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, i) => {
    let candidate = name.trim() || `Option ${i + 1}`;
    for (let n = 2; seen.has(candidate.toLocaleLowerCase()); n++) candidate = `${name} (${n})`;
    seen.add(candidate.toLocaleLowerCase());
    return candidate;
  });
}

/** Scope and assumptions, as the quote's notes: the customer reads them on the quote and its PDF. */
const notesOf = (draft: QuoteDraft) =>
  [`Scope: ${draft.scope}`, 'Assumptions:', ...draft.assumptions.map((a) => `- ${a}`)].join('\n').slice(0, 5000);

/**
 * The prompt with the catalog and the tiers asked for in its input even when an override written
 * before they existed leaves them out: a draft the model cannot tie to the catalog is all custom lines.
 */
function withCatalog(prompt: ResolvedPrompt): PromptContent & { category: 'quote_draft' } {
  const used = variablesIn(`${prompt.systemTemplate}\n${prompt.userTemplate}`);
  const missing = [
    ...(used.includes('tiers') ? [] : ['Offer: {{tiers}}']),
    ...(used.includes('catalog') ? [] : ['Catalog:\n{{catalog}}']),
  ];
  return {
    ...prompt,
    category: 'quote_draft',
    userTemplate: [prompt.userTemplate, ...missing].join('\n\n'),
  };
}

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
  const run = await runWhileWaiting(ctx.tenantId, withCatalog(prompt), facts, deadline, deps);
  const draft = run.output;
  // Asked for one option and offered three: the middle one is the recommendation.
  const tiers = input.tiers === 1 && draft.tiers.length > 1 ? [draft.tiers[1]!] : draft.tiers;

  const notes: LineNote[] = [];
  const linesOf = (tier: QuoteDraft['tiers'][number], prefix: string) =>
    tier.lines.map((l, j) => {
      const { line, note } = toQuoteLine(l, catalog, `${prefix}${j}`);
      notes.push(note);
      return line;
    });
  const names = distinctNames(tiers.map((t) => t.name));
  const content =
    tiers.length === 1
      ? { lines: linesOf(tiers[0]!, 'lines.') }
      : { tiers: tiers.map((t, i) => ({ name: names[i]!.slice(0, 60), lines: linesOf(t, `tiers.${i}.lines.`) })) };
  const quote: CreateQuoteInput = {
    companyId: company.companyId,
    title: draft.title.slice(0, 200),
    currency: catalog.currency,
    notes: notesOf(draft),
    ...content,
  };

  const priced = priceQuote(
    { currency: quote.currency, companyId: quote.companyId, ...content },
    await pricingCatalog(ctx, content, deps),
  );
  // Every line is built from the catalog just read; failing here means it changed meanwhile.
  if (isPricingErrors(priced))
    throw new ValidationError('The catalog changed while drafting; try again', priced.errors);
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
