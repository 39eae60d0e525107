import * as z from 'zod';
import { CONTACT_ROLES, EMAIL_TYPES, PHONE_TYPES, STAGES } from '../shared/enums.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

const email = z.strictObject({
  address: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254)),
  type: z.enum(EMAIL_TYPES).default('work'),
  primary: z.boolean().default(false),
});

const phone = z.strictObject({
  number: z
    .string()
    .trim()
    .regex(
      /^\+?[0-9 ()-]{5,25}$/,
      'Enter a phone number of digits, spaces, brackets or dashes, optionally starting with +',
    ),
  type: z.enum(PHONE_TYPES).default('work'),
  primary: z.boolean().default(false),
});

/** At most one primary; with none marked, the first becomes primary; no duplicates. */
function onePrimary<T extends { primary: boolean }>(key: (item: T) => string, label: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const primaries = items.filter((i) => i.primary).length;
    if (primaries > 1) ctx.addIssue({ code: 'custom', message: `Only one ${label} can be primary` });
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [index], message: `Duplicate ${label}` });
      seen.add(k);
    });
  };
}

const withDefaultPrimary = <T extends { primary: boolean }>(items: T[]): T[] =>
  items.length > 0 && !items.some((i) => i.primary) ? items.map((i, n) => ({ ...i, primary: n === 0 })) : items;

const emails = z
  .array(email)
  .max(10)
  .superRefine(onePrimary((e) => e.address, 'email'))
  .transform(withDefaultPrimary);
const phones = z
  .array(phone)
  .max(10)
  .superRefine(onePrimary((p) => p.number.replace(/\D/g, ''), 'phone'))
  .transform(withDefaultPrimary);

const fields = {
  firstName: text(100),
  lastName: text(100),
  jobTitle: optionalText(150),
  role: z.enum(CONTACT_ROLES),
  emails,
  phones,
  notes: optionalText(5000),
};

/** `POST /v1/companies/{companyId}/contacts`. */
export const createContactSchema = z.strictObject({
  ...fields,
  role: fields.role.default('other'),
  emails: emails.default([]),
  phones: phones.default([]),
});
export type CreateContactInput = z.infer<typeof createContactSchema>;

/** `PATCH /v1/contacts/{contactId}`: any subset; `null` clears an optional field. */
export const updateContactSchema = z
  .strictObject({
    ...fields,
    jobTitle: fields.jobTitle.nullable(),
    notes: fields.notes.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

/** `GET /v1/companies/{companyId}/contacts`. */
export const listContactsSchema = z.strictObject(pageQuery);
export type ListContactsQuery = z.infer<typeof listContactsSchema>;

/** `GET /v1/contacts`: every company's contacts, by contact role, company stage, company owner or words. */
export const listAllContactsSchema = z.strictObject({
  ...pageQuery,
  role: z.enum(CONTACT_ROLES).optional(),
  stage: z.enum(STAGES).optional(),
  owner: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListAllContactsQuery = z.infer<typeof listAllContactsSchema>;
