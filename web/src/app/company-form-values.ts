import type { Path } from 'react-hook-form';
import type { companiesApi, CompanyView } from '../../../functions/companies/contract';
import type { BodyIn } from '../../../functions/shared/contract';
import type { Stage } from '../../../functions/shared/enums';
import { fieldByPrefix } from '../shared/form';

export const ADDRESS_FIELDS = ['type', 'line1', 'line2', 'city', 'region', 'postcode', 'country'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type AddressRow = Record<AddressField, string>;
type Address = CompanyView['addresses'][number];

export type CreateCompanyBody = BodyIn<typeof companiesApi.create>;
export type UpdateCompanyBody = BodyIn<typeof companiesApi.update>;

/** The company form as the user edits it: tags as one line, facts one per line, scores as typed. */
export interface CompanyValues {
  name: string;
  domain: string;
  companyNumber: string;
  stage: Stage;
  industry: string;
  ownerId: string;
  tags: string;
  knownFacts: string;
  leadScore: string;
  healthScore: string;
  addresses: AddressRow[];
}

export const addressRow = (a: Address = {}): AddressRow =>
  Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[f] ?? ''])) as AddressRow;

export function valuesOf(c: CompanyView | undefined, defaultOwner: string): CompanyValues {
  return {
    name: c?.name ?? '',
    domain: c?.domain ?? '',
    companyNumber: c?.companyNumber ?? '',
    stage: c?.stage ?? 'lead',
    industry: c?.industry ?? '',
    ownerId: c ? (c.ownerId ?? '') : defaultOwner,
    tags: (c?.tags ?? []).join(', '),
    knownFacts: (c?.knownFacts ?? []).join('\n'),
    leadScore: c?.leadScore == null ? '' : String(c.leadScore),
    healthScore: c?.healthScore == null ? '' : String(c.healthScore),
    // A new company starts with one (empty, optional) address block to fill in.
    addresses: c ? c.addresses.map((a) => addressRow(a)) : [addressRow()],
  };
}

const cleanDomain = (d: string) =>
  d
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();

/**
 * The host of a URL typed or pasted into the domain field (`https://www.example.com/about` →
 * `example.com`), or null when the text is not a URL (a plain domain stays as typed).
 */
export function hostOf(text: string): string | null {
  const t = text.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !/^www\./i.test(t) && !/^[^\s/]+\.[^\s/]+[/?#]/.test(t)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
    const host = url.hostname.replace(/^www\./i, '').toLowerCase();
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}
const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
const splitLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Empty: not sent; whole digits: that number; anything else: NaN, which the schema refuses. */
const parseScore = (s: string): number | undefined =>
  s.trim() === '' ? undefined : /^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;

/** The address as the API takes it, or undefined when the block is empty (it is then not sent). */
function addressOf(row: AddressRow): Address | undefined {
  const entries = ADDRESS_FIELDS.map(
    (f) => [f, f === 'country' ? row[f].trim().toUpperCase() : row[f].trim()] as const,
  ).filter(([, value]) => value);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The form indexes of the blocks that are sent: the API's `addresses.<i>` is block `sentAddresses[i]`. */
const sentAddresses = (v: CompanyValues): number[] =>
  v.addresses.flatMap((row, index) => (addressOf(row) ? [index] : []));

/** `POST /v1/companies`: empty optional fields are left out. */
export function createBody(v: CompanyValues): CreateCompanyBody {
  return {
    name: v.name.trim(),
    domain: cleanDomain(v.domain) || undefined,
    companyNumber: v.companyNumber.trim() || undefined,
    stage: v.stage,
    industry: v.industry.trim() || undefined,
    ownerId: v.ownerId || undefined,
    tags: splitTags(v.tags),
    knownFacts: splitLines(v.knownFacts),
    addresses: v.addresses.flatMap((row) => addressOf(row) ?? []),
    leadScore: parseScore(v.leadScore),
    healthScore: parseScore(v.healthScore),
  };
}

/** Every field as `PATCH` takes it: an emptied optional field is `null`, which clears it. */
function fullUpdate(v: CompanyValues): UpdateCompanyBody {
  const body = createBody(v);
  return {
    ...body,
    domain: body.domain ?? null,
    companyNumber: body.companyNumber ?? null,
    industry: body.industry ?? null,
    ownerId: body.ownerId ?? null,
    leadScore: body.leadScore ?? null,
    healthScore: body.healthScore ?? null,
  };
}

/** `PATCH /v1/companies/{id}`: only the fields that differ from the company as it was loaded. */
export function updateBody(v: CompanyValues, original: CompanyView): UpdateCompanyBody {
  const before: Record<string, unknown> = fullUpdate(valuesOf(original, ''));
  return Object.fromEntries(
    Object.entries(fullUpdate(v)).filter(
      // A score typed wrong (NaN) is always sent, so the schema can say what is wrong with it.
      ([k, value]) => Number.isNaN(value) || JSON.stringify(value) !== JSON.stringify(before[k]),
    ),
  );
}

const byPrefix = fieldByPrefix<CompanyValues>([
  'name',
  'domain',
  'companyNumber',
  'stage',
  'industry',
  'ownerId',
  'tags',
  'knownFacts',
  'leadScore',
  'healthScore',
]);

/**
 * The field showing a problem at a body path, for the values that body was made of:
 * `addresses.1.postcode` is the postcode of the second block sent, which skipped blocks push down the form.
 */
export function companyFieldFor(path: string, values: CompanyValues | null): Path<CompanyValues> | undefined {
  const [head, index, field] = path.split('.');
  if (head !== 'addresses') return byPrefix(path);
  const row = index !== undefined && values ? sentAddresses(values)[Number(index)] : undefined;
  if (row === undefined) return 'addresses';
  return `addresses.${row}.${ADDRESS_FIELDS.includes(field as AddressField) ? (field as AddressField) : 'line1'}`;
}
