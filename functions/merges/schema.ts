import * as z from 'zod';
import { pathId } from '../shared/contract.js';

const side = z.enum(['target', 'source']);

/** The company fields a merge can take from either side. */
export const COMPANY_MERGE_FIELDS = [
  'name',
  'domain',
  'companyNumber',
  'stage',
  'industry',
  'addresses',
  'tags',
  'ownerId',
  'knownFacts',
  'leadScore',
  'healthScore',
] as const;

/** The contact fields a merge can take from either side. */
export const CONTACT_MERGE_FIELDS = ['firstName', 'lastName', 'jobTitle', 'role', 'emails', 'phones', 'notes'] as const;

const choices = <const F extends readonly string[]>(fields: F) =>
  z
    .strictObject(
      Object.fromEntries(fields.map((f) => [f, side.optional()])) as { [K in F[number]]: z.ZodOptional<typeof side> },
    )
    .default({} as never);

/** `POST /v1/companies/{companyId}/merge`: the source goes into the company named in the path. */
export const mergeCompaniesSchema = z.strictObject({
  sourceId: pathId,
  /** Fields not named keep the target's value. */
  fields: choices(COMPANY_MERGE_FIELDS),
  /** The target's version the choices were made against. */
  version: z.number().int().positive(),
});
export type MergeCompaniesInput = z.infer<typeof mergeCompaniesSchema>;

/** `POST /v1/contacts/{contactId}/merge`. */
export const mergeContactsSchema = z.strictObject({
  sourceId: pathId,
  fields: choices(CONTACT_MERGE_FIELDS),
  version: z.number().int().positive(),
});
export type MergeContactsInput = z.infer<typeof mergeContactsSchema>;

export type FieldChoices = Partial<Record<string, 'target' | 'source'>>;
