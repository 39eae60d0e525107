import Papa from 'papaparse';
import type * as z from 'zod';
import { createCompanySchema, type CreateCompanyInput } from '../companies/schema.js';
import { createContactSchema, type CreateContactInput } from '../contacts/schema.js';
import { ValidationError, type FieldError } from '../shared/errors.js';
import { DEFAULT_CURRENCY } from '../shared/validation.js';
import { dealCells, dealRowSchema, type DealRowInput } from './deal-input.js';
import { IMPORT_FIELDS, type ImportKind } from './schema.js';
import { MAX_ROWS, type RowError } from './schema.js';

/** A row that passed the create schema, ready to write. `given` lists the fields the CSV filled. */
export type ValidRow =
  | { kind: 'companies'; row: number; input: CreateCompanyInput; given: string[] }
  | { kind: 'contacts'; row: number; input: CreateContactInput; given: string[]; company: string }
  | { kind: 'deals'; row: number; input: DealRowInput; given: string[]; refs: DealRefCells };

/** A deal row's references as the CSV gives them, matched to records when the row is written. */
export interface DealRefCells {
  company: string;
  stage?: string;
  owner?: string;
}

/** A row to create: contacts carry the company they were matched to. */
export type NewRow =
  | { row: Extract<ValidRow, { kind: 'companies' }> }
  | { row: Extract<ValidRow, { kind: 'contacts' }>; companyId: string };

export interface CheckedFile {
  rows: number;
  valid: ValidRow[];
  errors: RowError[];
  /** field → the CSV column mapped to it, to name the column of a problem found later. */
  columns: Record<string, string>;
}

/** Parses CSV text: the header row names the columns; blank lines are skipped. */
export function parseCsv(text: string): { headers: string[]; records: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  return { headers: parsed.meta.fields ?? [], records: parsed.data };
}

/** Refuses a mapping naming a column the file lacks, a field the kind lacks, a field twice or no required field. */
function checkMapping(kind: ImportKind, headers: string[], mapping: Record<string, string>): void {
  const known = new Map(IMPORT_FIELDS[kind].map((f) => [f.field, f]));
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    const path = `mapping.${column}`;
    if (!headers.includes(column)) errors.push({ path, message: `The file has no column "${column}"` });
    else if (!known.has(field)) errors.push({ path, message: `Not a field of ${kind}: "${field}"` });
    else if (seen.has(field)) errors.push({ path, message: `"${field}" is already mapped from "${seen.get(field)}"` });
    seen.set(field, column);
  }
  for (const f of IMPORT_FIELDS[kind]) {
    if (f.required && !seen.has(f.field)) errors.push({ path: 'mapping', message: `Map a column to ${f.field}` });
  }
  if (headers.length === 0) errors.push({ path: 'csv', message: 'The file has no header row' });
  if (errors.length) throw new ValidationError('The column mapping does not fit the file', errors);
}

const split = (value: string | undefined, by: RegExp) =>
  value
    ?.split(by)
    .map((s) => s.trim())
    .filter(Boolean);

/** The create input a company row maps to; empty cells are left out so the schema's defaults apply. */
function companyInput(get: (field: string) => string | undefined): Record<string, unknown> {
  const address = Object.fromEntries(
    ['line1', 'line2', 'city', 'region', 'postcode', 'country'].flatMap((part) => {
      const v = get(`address.${part}`);
      return v === undefined ? [] : [[part, part === 'country' ? v.toUpperCase() : v]];
    }),
  );
  const input: Record<string, unknown> = {
    name: get('name') ?? '',
    domain: get('domain'),
    companyNumber: get('companyNumber')?.replace(/\s+/g, '').toUpperCase(),
    stage: get('stage')?.toLowerCase(),
    industry: get('industry'),
    tags: split(get('tags'), /[;,]/),
    knownFacts: split(get('knownFacts'), /;|\n/),
    addresses: Object.keys(address).length ? [address] : undefined,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

function contactInput(get: (field: string) => string | undefined): Record<string, unknown> {
  const email = get('email');
  const phone = get('phone');
  const input: Record<string, unknown> = {
    firstName: get('firstName') ?? '',
    lastName: get('lastName') ?? '',
    jobTitle: get('jobTitle'),
    role: get('role')
      ?.toLowerCase()
      .replace(/[\s-]+/g, '_'),
    emails: email ? [{ address: email }] : undefined,
    phones: phone ? [{ number: phone }] : undefined,
    notes: get('notes'),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The import field a schema issue is about: `addresses.0.city` → `address.city`, `emails.0.address` → `email`. */
function fieldOf(path: PropertyKey[]): string {
  const [head, second, leaf] = path.map(String);
  if (head === 'addresses' && leaf) return `address.${leaf}`;
  if (head === 'emails') return 'email';
  if (head === 'phones') return 'phone';
  if (head === 'value') return second === 'currency' ? 'currency' : 'amount';
  if (head === 'probabilityBps') return 'probability';
  return head ?? '';
}

/**
 * Maps every record through the mapping and the kind's own create schema, so a row fails for the
 * same reasons, in the same words, as the API would refuse it.
 */
export function checkFile(
  kind: ImportKind,
  text: string,
  mapping: Record<string, string>,
  { currency = DEFAULT_CURRENCY }: { currency?: string } = {},
): CheckedFile {
  const { headers, records } = parseCsv(text);
  checkMapping(kind, headers, mapping);
  if (records.length > MAX_ROWS) {
    throw new ValidationError(`A file may hold at most ${MAX_ROWS} rows`, [
      { path: 'csv', message: `${records.length} rows` },
    ]);
  }
  const columns = Object.fromEntries(Object.entries(mapping).map(([column, field]) => [field, column]));
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  records.forEach((record, index) => {
    const row = index + 2;
    const get = (field: string) => {
      const column = columns[field];
      const value = column === undefined ? undefined : record[column]?.trim();
      return value ? value : undefined;
    };
    const cells =
      kind === 'deals'
        ? dealCells(get, currency)
        : { raw: kind === 'companies' ? companyInput(get) : contactInput(get), problems: [] };
    const { raw } = cells;
    const schema: z.ZodType =
      kind === 'companies' ? createCompanySchema : kind === 'contacts' ? createContactSchema : dealRowSchema;
    const result = schema.safeParse(raw);
    const problems: RowError[] = cells.problems.map((p) => ({ row, ...p, column: columns[p.field] }));
    for (const issue of result.success ? [] : result.error.issues) {
      const field = fieldOf(issue.path);
      // A cell already reported (an amount that is no number) is not reported again by the schema.
      if (!problems.some((p) => p.field === field))
        problems.push({ row, field, column: columns[field], message: issue.message });
    }
    const company = kind === 'companies' ? undefined : get('company');
    if (kind !== 'companies' && !company)
      problems.push({ row, field: 'company', column: columns.company, message: 'Required' });
    if (problems.length) {
      errors.push(...problems);
      return;
    }
    const given = Object.keys(raw);
    valid.push(
      kind === 'companies'
        ? { kind, row, input: result.data as CreateCompanyInput, given }
        : kind === 'contacts'
          ? { kind, row, input: result.data as CreateContactInput, given, company: company! }
          : {
              kind,
              row,
              input: result.data as DealRowInput,
              given,
              refs: { company: company!, stage: get('stage'), owner: get('owner') },
            },
    );
  });
  return { rows: records.length, valid, errors, columns };
}

/** What makes two rows the same record: a company's domain or number, a contact's email. */
export function duplicateKeys(row: ValidRow): string[] {
  // Deals have no natural key: no row repeats another.
  if (row.kind === 'deals') return [];
  if (row.kind === 'contacts') return row.input.emails.map((e) => `email:${e.address.toLowerCase()}`);
  return [
    ...(row.input.domain ? [`domain:${row.input.domain.toLowerCase()}`] : []),
    ...(row.input.companyNumber ? [`number:${row.input.companyNumber.toUpperCase()}`] : []),
  ];
}

/** Later rows repeating an earlier row's key, with the row they repeat (for skip and update). */
export function repeatsInFile(rows: ValidRow[]): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  for (const row of rows) {
    const keys = duplicateKeys(row);
    const earlier = keys.map((k) => first.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) repeats.set(row.row, earlier);
    else for (const k of keys) first.set(k, row.row);
  }
  return repeats;
}
