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

export const quoteDraftSchema = z.object({
  title: text('Quote title'),
  lines: z
    .array(
      z.object({
        description: text('Line description'),
        quantity: z.number().int().min(1).max(100000),
        unitPriceMinor: z.number().int().min(0).describe('Unit price in minor units (pence)'),
        rationale: text('Why this line'),
      }),
    )
    .min(1)
    .max(20),
  notes: text('Assumptions to confirm with the customer'),
});

export const emailCopySchema = z.object({
  subject: z.string().min(1).max(120),
  body: text('Plain-text body, no more than 150 words, signed by the seller'),
  rationale: text('Why this angle, citing the facts used'),
});

export type CompanyAnalysis = z.infer<typeof companyAnalysisSchema>;
export type LeadScoring = z.infer<typeof leadScoringSchema>;
export type ScoreFactor = z.infer<typeof scoreFactorSchema>;

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
