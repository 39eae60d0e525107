import * as z from 'zod';
import { IMPORT_KINDS, ON_DUPLICATE } from '../shared/enums.js';
import { pathId } from '../shared/contract.js';

/** Inline CSV must fit the API's 64 KB body; larger files go through POST /v1/imports/uploads. */
export const MAX_INLINE_CSV = 60_000;
/** What an uploaded file may hold. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 50_000;
/** Rows per queued chunk: one SQS message and one S3 object each. */
export const CHUNK_ROWS = 100;
/** The dry run shows this many mapped rows. */
export const PREVIEW_ROWS = 20;

/** `POST /v1/imports`: the CSV inline (`csv`) or uploaded first (`uploadKey`), never both. */
export const startImportSchema = z
  .strictObject({
    kind: z.enum(IMPORT_KINDS),
    csv: z.string().max(MAX_INLINE_CSV, `At most ${MAX_INLINE_CSV} characters; upload larger files`).optional(),
    uploadKey: pathId.optional(),
    fileName: z.string().trim().max(200).optional(),
    /** CSV header → field (functions/imports/fields.ts). */
    mapping: z.record(z.string().max(200), z.string().max(50)),
    onDuplicate: z.enum(ON_DUPLICATE).default('skip'),
    dryRun: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    if ((body.csv === undefined) === (body.uploadKey === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['csv'], message: 'Send either csv or uploadKey' });
    }
  });
export type StartImportInput = z.infer<typeof startImportSchema>;

/** `POST /v1/imports/uploads`. */
export const createUploadSchema = z.strictObject({ fileName: z.string().trim().max(200).optional() }).optional();

/** One problem with one row: the spreadsheet row (the header is row 1), its column and field. */
export const rowError = z.object({
  row: z.number().int(),
  column: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

/** One queued chunk of an import (its rows are in the documents bucket). */
export const importChunkMessage = z.object({
  tenantId: z.string().min(1),
  importId: z.string().min(1),
  chunk: z.number().int().min(0),
});
export type ImportChunkMessage = z.infer<typeof importChunkMessage>;

/*
 * The fields a CSV column can be mapped to, per kind of import; the SPA reads them to guess a
 * mapping from the headers and to label its pickers.
 */

export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportField {
  field: string;
  label: string;
  required?: boolean;
  /** Header names (folded: lower case, letters and digits only) that guess this field. */
  aliases: readonly string[];
}

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  companies: [
    {
      field: 'name',
      label: 'Name',
      required: true,
      aliases: ['name', 'companyname', 'company', 'organisation', 'organization', 'account', 'accountname'],
    },
    {
      field: 'domain',
      label: 'Domain',
      aliases: ['domain', 'website', 'web', 'url', 'companydomain', 'companydomainname'],
    },
    {
      field: 'companyNumber',
      label: 'Company number',
      aliases: ['companynumber', 'companyno', 'registrationnumber', 'regno', 'crn'],
    },
    { field: 'stage', label: 'Stage', aliases: ['stage', 'lifecyclestage', 'status'] },
    { field: 'industry', label: 'Industry', aliases: ['industry', 'sector'] },
    { field: 'tags', label: 'Tags (separated by ; or ,)', aliases: ['tags', 'labels', 'tag'] },
    {
      field: 'knownFacts',
      label: 'Known facts (separated by ;)',
      aliases: ['knownfacts', 'facts', 'notes', 'description'],
    },
    {
      field: 'address.line1',
      label: 'Address line 1',
      aliases: ['address', 'addressline1', 'street', 'streetaddress', 'line1'],
    },
    { field: 'address.line2', label: 'Address line 2', aliases: ['addressline2', 'line2'] },
    { field: 'address.city', label: 'City', aliases: ['city', 'town'] },
    { field: 'address.region', label: 'Region', aliases: ['region', 'county', 'state'] },
    { field: 'address.postcode', label: 'Postcode', aliases: ['postcode', 'postalcode', 'zip', 'zipcode'] },
    { field: 'address.country', label: 'Country (ISO code)', aliases: ['country', 'countrycode', 'countryregion'] },
  ],
  contacts: [
    {
      field: 'firstName',
      label: 'First name',
      required: true,
      aliases: ['firstname', 'first', 'givenname', 'forename'],
    },
    { field: 'lastName', label: 'Last name', required: true, aliases: ['lastname', 'last', 'surname', 'familyname'] },
    {
      field: 'company',
      label: 'Company (its domain or exact name)',
      required: true,
      aliases: ['company', 'companyname', 'companydomain', 'organisation', 'organization', 'account', 'domain'],
    },
    { field: 'email', label: 'Email', aliases: ['email', 'emailaddress', 'workemail', 'mail'] },
    { field: 'phone', label: 'Phone', aliases: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile'] },
    { field: 'jobTitle', label: 'Job title', aliases: ['jobtitle', 'title', 'position'] },
    {
      field: 'role',
      label: 'Role (decision_maker, influencer, user, technical, other)',
      aliases: ['role', 'buyingrole', 'contactrole'],
    },
    { field: 'notes', label: 'Notes', aliases: ['notes', 'note', 'comments'] },
  ],
  deals: [
    {
      field: 'name',
      label: 'Deal name',
      required: true,
      aliases: ['name', 'dealname', 'deal', 'opportunity', 'title'],
    },
    {
      field: 'company',
      label: 'Company (its domain or exact name)',
      required: true,
      aliases: ['company', 'companyname', 'companydomain', 'organisation', 'organization', 'account', 'domain'],
    },
    {
      field: 'amount',
      label: 'Value (like 42,000.50)',
      required: true,
      aliases: ['amount', 'value', 'dealvalue', 'dealamount', 'price', 'total'],
    },
    {
      field: 'currency',
      label: 'Currency (ISO code; else the workspace’s)',
      aliases: ['currency', 'currencycode', 'ccy'],
    },
    {
      field: 'expectedCloseDate',
      label: 'Expected close date (YYYY-MM-DD)',
      required: true,
      aliases: ['expectedclosedate', 'closedate', 'expectedclose', 'close', 'closingdate'],
    },
    { field: 'stage', label: 'Stage (name or id, default pipeline)', aliases: ['stage', 'dealstage', 'pipelinestage'] },
    { field: 'probability', label: 'Probability (%)', aliases: ['probability', 'probabilitypercent', 'likelihood'] },
    { field: 'owner', label: 'Owner (a member’s email)', aliases: ['owner', 'owneremail', 'dealowner', 'salesperson'] },
    { field: 'source', label: 'Source', aliases: ['source', 'leadsource', 'dealsource', 'channel'] },
    { field: 'lostReason', label: 'Lost reason', aliases: ['lostreason', 'reasonlost', 'lossreason'] },
  ],
};

/** Deals have no natural key: every row of a deals import creates a deal, whatever onDuplicate says. */
export const DEALS_ALWAYS_CREATE = 'Deals have no natural key to match on: every row creates a new deal.';

/** A header folded for matching: "Company Number" and "company_number" are the same. */
export const foldHeader = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A mapping guessed from the headers: each field at most once, the first matching header wins. */
export function guessMapping(kind: ImportKind, headers: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  // Exact field names first, then aliases in the order the fields are listed.
  for (const pass of ['field', 'alias'] as const) {
    for (const header of headers) {
      if (header in mapping) continue;
      const folded = foldHeader(header);
      const found = IMPORT_FIELDS[kind].find(
        (f) => !taken.has(f.field) && (pass === 'field' ? foldHeader(f.field) === folded : f.aliases.includes(folded)),
      );
      if (found) {
        mapping[header] = found.field;
        taken.add(found.field);
      }
    }
  }
  return mapping;
}
