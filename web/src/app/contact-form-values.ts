import type { Path } from 'react-hook-form';
import type { contactsApi, ContactView } from '../../../functions/contacts/contract';
import type { BodyIn } from '../../../functions/shared/contract';
import type { ContactRole, EmailType, PhoneType } from '../../../functions/shared/enums';
import { fieldByPrefix } from '../shared/form';

/** One email or phone row as typed; empty rows are not sent. */
export interface ChannelRow<T extends string> {
  value: string;
  type: T;
  primary: boolean;
}

export interface ContactValues {
  firstName: string;
  lastName: string;
  jobTitle: string;
  role: ContactRole;
  notes: string;
  emails: ChannelRow<EmailType>[];
  phones: ChannelRow<PhoneType>[];
}

export type CreateContactBody = BodyIn<typeof contactsApi.create>;
export type UpdateContactBody = BodyIn<typeof contactsApi.update>;

export function valuesOf(contact: ContactView | undefined): ContactValues {
  return {
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    jobTitle: contact?.jobTitle ?? '',
    role: contact?.role ?? 'other',
    notes: contact?.notes ?? '',
    // A new contact starts with one empty row of each, ready to type into.
    emails: contact
      ? contact.emails.map((e) => ({ value: e.address, type: e.type, primary: e.primary }))
      : [{ value: '', type: 'work', primary: true }],
    phones: contact
      ? contact.phones.map((p) => ({ value: p.number, type: p.type, primary: p.primary }))
      : [{ value: '', type: 'work', primary: true }],
  };
}

/** With none marked primary, the first row is. */
function withPrimary<R extends { primary: boolean }>(rows: R[]): R[] {
  return rows.length > 0 && !rows.some((r) => r.primary) ? rows.map((r, i) => ({ ...r, primary: i === 0 })) : rows;
}

/** The form indexes of the rows that are sent: the API's `emails.<i>` is row `sentRows(...)[i]`. */
const sentRows = (rows: ChannelRow<string>[]): number[] => rows.flatMap((r, i) => (r.value.trim() ? [i] : []));
const sent = <T extends string>(rows: ChannelRow<T>[]) => withPrimary(rows.filter((r) => r.value.trim()));

/** The fields create and update send alike. */
const common = (v: ContactValues) => ({
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  role: v.role,
  emails: sent(v.emails).map((r) => ({ address: r.value.trim(), type: r.type, primary: r.primary })),
  phones: sent(v.phones).map((r) => ({ number: r.value.trim(), type: r.type, primary: r.primary })),
});

/** `POST`: empty optional fields are left out. */
export const createBody = (v: ContactValues): CreateContactBody => ({
  ...common(v),
  jobTitle: v.jobTitle.trim() || undefined,
  notes: v.notes.trim() || undefined,
});

/** `PATCH`: every field; an emptied optional one is `null`, which clears it. */
export const updateBody = (v: ContactValues): UpdateContactBody => ({
  ...common(v),
  jobTitle: v.jobTitle.trim() || null,
  notes: v.notes.trim() || null,
});

const byPrefix = fieldByPrefix<ContactValues>(['firstName', 'lastName', 'jobTitle', 'role', 'notes']);

/** The field showing a problem at a body path: `emails.1…` is the second non-empty email row. */
export function contactFieldFor(path: string, values: ContactValues | null): Path<ContactValues> | undefined {
  const [head, index] = path.split('.');
  if (head !== 'emails' && head !== 'phones') return byPrefix(path);
  const row = index !== undefined && values ? sentRows(values[head])[Number(index)] : undefined;
  return row === undefined ? head : `${head}.${row}.value`;
}
