import { contactsApi } from '../../../functions/contacts/contract';
import { itemsOf, useApiList } from '../shared/query';

/**
 * A company's contacts, 100 to a page. The Contacts, Activities and Directors tabs ask with the
 * same input, so they share one cached list and a contact saved in one tab shows in the others.
 */
export function useCompanyContacts(companyId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const list = useApiList(contactsApi.list, { params: { companyId }, query: { limit: 100 } }, { enabled });
  return { ...list, items: list.data ? itemsOf(list.data) : undefined };
}
