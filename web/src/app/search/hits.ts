import type { SearchHit } from '../../../../functions/search/contract';

type Kind = SearchHit['kind'];

export const KIND_LABELS: Record<Kind, string> = {
  company: 'Company',
  contact: 'Contact',
  deal: 'Deal',
  quote: 'Quote',
};

export const KIND_PLURALS: Record<Kind, string> = {
  company: 'Companies',
  contact: 'Contacts',
  deal: 'Deals',
  quote: 'Quotes',
};

/** Where a hit is shown: a contact on its company's Contacts tab, the others on their own page. */
export function hitHref(hit: SearchHit): string {
  switch (hit.kind) {
    case 'company':
      return `/companies/${hit.id}`;
    case 'contact':
      return hit.companyId ? `/companies/${hit.companyId}?tab=contacts` : `/search?q=${encodeURIComponent(hit.title)}`;
    case 'deal':
      return `/deals/${hit.id}`;
    case 'quote':
      return `/quotes/${hit.id}`;
  }
}

/** The search page's address for a query. */
export const searchPageHref = (q: string) => `/search?q=${encodeURIComponent(q)}`;
