import type { Contact } from '../data/contact.js';

/** A contact's address to write to: the one marked primary, else the first. */
export const primaryEmail = (contact: Pick<Contact, 'emails'> | undefined): string | undefined =>
  (contact?.emails?.find((e) => e.primary) ?? contact?.emails?.[0])?.address;
