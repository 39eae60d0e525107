import * as z from 'zod';
import { STAGES } from '../shared/enums.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

const address = z.strictObject({
  type: optionalText(40),
  line1: optionalText(200),
  line2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postcode: optionalText(20),
  country: optionalText(2).refine((c) => c === undefined || /^[A-Z]{2}$/.test(c), 'Use an ISO 3166 two-letter code'),
});

const score = z.number().int().min(0).max(100);

const fields = {
  name: text(200),
  domain: optionalText(253).refine(
    (d) => d === undefined || /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d),
    'Enter a domain like example.com',
  ),
  companyNumber: optionalText(20),
  stage: z.enum(STAGES),
  industry: optionalText(100),
  addresses: z.array(address).max(10),
  tags: z.array(text(40)).max(30),
  ownerId: optionalText(64),
  knownFacts: z.array(text(500)).max(50),
  leadScore: score,
  healthScore: score,
};

/** `POST /v1/companies`. */
export const createCompanySchema = z.strictObject({
  ...fields,
  stage: fields.stage.default('lead'),
  addresses: fields.addresses.default([]),
  tags: fields.tags.default([]),
  knownFacts: fields.knownFacts.default([]),
  leadScore: score.optional(),
  healthScore: score.optional(),
});
export type CreateCompanyInput = z.infer<typeof createCompanySchema>;

/** `PATCH /v1/companies/{id}`: any subset; `null` clears an optional field. */
export const updateCompanySchema = z
  .strictObject({
    name: fields.name,
    domain: fields.domain.nullable(),
    companyNumber: fields.companyNumber.nullable(),
    stage: fields.stage,
    industry: fields.industry.nullable(),
    addresses: fields.addresses,
    tags: fields.tags,
    ownerId: fields.ownerId.nullable(),
    knownFacts: fields.knownFacts,
    leadScore: score.nullable(),
    healthScore: score.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;

/**
 * Orders the list can be read in from an index: by name, A→Z or Z→A (`-name`). The other columns
 * (scores, updated) have no index, so the SPA orders the loaded rows by them.
 */
export const COMPANY_SORTS = ['name', '-name'] as const;

/** `GET /v1/companies`. */
export const listCompaniesSchema = z.strictObject({
  ...pageQuery,
  stage: z.enum(STAGES).optional(),
  q: z.string().trim().max(200).optional(),
  owner: z.string().max(64).optional(),
  sort: z.enum(COMPANY_SORTS).optional(),
});
export type ListCompaniesQuery = z.infer<typeof listCompaniesSchema>;

/** `POST /v1/companies/duplicates-check`: what the user has typed so far. */
export const duplicateCheckSchema = z
  .strictObject({
    name: z.string().trim().max(200).optional(),
    domain: z.string().trim().max(2000).optional(),
    companyNumber: z.string().trim().max(20).optional(),
    /** The company being edited, which is no duplicate of itself. */
    excludeId: z.string().max(128).optional(),
  })
  .refine((b) => !!(b.name || b.domain || b.companyNumber), {
    message: 'Send a name, a domain or a company number to check',
    path: ['name'],
  });
export type DuplicateCheckInput = z.infer<typeof duplicateCheckSchema>;

export const duplicateMatch = z
  .object({
    companyId: z.string(),
    name: z.string(),
    domain: z.string().optional(),
    companyNumber: z.string().optional(),
    stage: z.enum(STAGES),
    /** What it shares with the company being entered. */
    matchedOn: z.array(z.enum(['domain', 'companyNumber', 'name'])),
  })
  .meta({ id: 'DuplicateMatch' });
export type DuplicateMatch = z.output<typeof duplicateMatch>;
