import * as z from 'zod';
import type { PromptCategory } from '../shared/enums.js';

const text = (description: string) => z.string().min(1).max(2000).describe(description);
const evidence = text('The fact from the input this rests on, quoted or closely paraphrased');

/** One thing that moved a score, with how much and why. */
export const scoreFactorSchema = z.object({
  label: text('Short name of the factor'),
  impact: z.number().int().min(-50).max(50).describe('Points this factor added (+) or removed (-)'),
  evidence,
});

export const scoreSchema = z.object({
  score: z.number().int().min(0).max(100),
  factors: z.array(scoreFactorSchema).min(1).max(10),
});

const finding = z.object({ title: text('Headline'), detail: text('One or two sentences'), evidence });

export const companyAnalysisSchema = z.object({
  summary: text('Three to five sentences a seller can read before a call'),
  opportunities: z.array(finding).max(6),
  risks: z.array(finding).max(6),
  competitors: z
    .array(z.object({ name: text('Competitor or incumbent'), detail: text('What we know'), evidence }))
    .max(6),
  nextActions: z
    .array(z.object({ action: text('What to do next'), reason: text('Why now'), evidence }))
    .min(1)
    .max(6),
});

export const leadScoringSchema = z.object({
  leadScore: scoreSchema.describe('How likely this company is to buy soon, 0–100'),
  healthScore: scoreSchema.describe('How healthy the relationship and the company look, 0–100'),
});

export const competitorAnalysisSchema = z.object({
  competitors: companyAnalysisSchema.shape.competitors,
  positioning: text('How to position against them'),
});

export const financialAnalysisSchema = z.object({
  summary: text('What the public record says about the company’s financial standing'),
  indicators: z
    .array(z.object({ label: text('Indicator'), assessment: z.enum(['good', 'watch', 'concern']), evidence }))
    .max(10),
});

/** Where a drafted line's price comes from: never the model (functions/quotes/draft.ts prices it). */
export const DRAFT_LINE_KINDS = ['product', 'day_rate', 'custom'] as const;

const draftLine = z.object({
  kind: z
    .enum(DRAFT_LINE_KINDS)
    .describe(
      'product: a catalog product, named by its code; day_rate: a rate-card role, quantity in days; custom: anything the catalog lacks, which the seller will price',
    ),
  reference: z
    .string()
    .max(200)
    .describe('The product code, or the rate card and role as listed ("Card / Role"); empty for a custom line'),
  description: text('The line as the customer reads it'),
  quantity: z.number().gt(0).max(100000).describe('Units of the product, days of the role'),
  section: z.string().max(120).describe('A heading the line sits under, e.g. "Hardware"; may be empty'),
  // Short on purpose: three tiers of long rationales would not fit the answer's token limit.
  rationale: z.string().min(1).max(300).describe('Why this line, citing the requirements, one sentence'),
});

const draftTier = z.object({
  name: z.string().min(1).max(60).describe('Good, Better or Best; or the option’s name when there is one'),
  summary: text('What this option gives the customer, one sentence'),
  lines: z.array(draftLine).min(1).max(15),
});

/**
 * A drafted quote: one option, or Good/Better/Best. It has no prices on purpose: each line names a
 * catalog product or a rate-card role, and anything else is a custom line the seller prices.
 */
export const quoteDraftSchema = z.object({
  title: text('Quote title'),
  scope: text('What the work includes and what it leaves out, two to four sentences'),
  // Two shapes, not a count check: the JSON schema the model is sent says "one or three" itself.
  tiers: z
    .union([z.array(draftTier).length(1), z.array(draftTier).length(3)])
    .describe('One option, or three tiers (Good, Better, Best) from modest to complete'),
  assumptions: z.array(text('An assumption to confirm with the customer')).min(1).max(8),
  risks: z
    .array(z.object({ risk: text('What could go wrong'), mitigation: text('How the quote or the work handles it') }))
    .max(6),
});

/** The draft schema for a seller who chose: exactly one option, or exactly three tiers. */
export const quoteDraftSchemaFor = (tiers: 1 | 3 | undefined) =>
  tiers === undefined
    ? quoteDraftSchema
    : quoteDraftSchema.extend({
        tiers: z
          .array(draftTier)
          .length(tiers)
          .describe(tiers === 1 ? 'Exactly one option' : 'Exactly three tiers: Good, Better and Best'),
      });

export const emailCopySchema = z.object({
  subject: z.string().min(1).max(120),
  body: text('Plain-text body, no more than 150 words, signed by the seller'),
  rationale: text('Why this angle, citing the facts used'),
});

export type CompanyAnalysis = z.infer<typeof companyAnalysisSchema>;
export type LeadScoring = z.infer<typeof leadScoringSchema>;
export type ScoreFactor = z.infer<typeof scoreFactorSchema>;
export type QuoteDraft = z.infer<typeof quoteDraftSchema>;

/** The output each prompt category must produce. */
export const OUTPUT_SCHEMAS = {
  company_analysis: companyAnalysisSchema,
  lead_scoring: leadScoringSchema,
  competitor_analysis: competitorAnalysisSchema,
  financial_analysis: financialAnalysisSchema,
  quote_draft: quoteDraftSchema,
  email_copy: emailCopySchema,
} as const satisfies Record<PromptCategory, z.ZodType>;

export type OutputOf<C extends PromptCategory> = z.infer<(typeof OUTPUT_SCHEMAS)[C]>;
