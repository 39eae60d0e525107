/** Everything known about a company when an analysis starts; prompts render it, the offline provider reasons over it. */
export interface CompanyFacts {
  /** When the facts were gathered (ISO); recency is measured from here, not from the clock. */
  asOf: string;
  company: {
    name: string;
    stage: 'discovery' | 'lead' | 'prospect' | 'opportunity' | 'customer' | 'lost';
    industry?: string;
    domain?: string;
    companyNumber?: string;
    tags: string[];
    knownFacts: string[];
    locations: string[];
    createdAt: string;
  };
  contacts: {
    name: string;
    jobTitle?: string;
    role: 'decision_maker' | 'influencer' | 'user' | 'technical' | 'other';
    hasEmail: boolean;
    hasPhone: boolean;
  }[];
  /** Newest first, at most 50. */
  activities: {
    type: 'call' | 'email' | 'meeting' | 'note';
    subject: string;
    body?: string;
    occurredAt: string;
  }[];
  /** Present when the company has a number and a Companies House key is configured. */
  companiesHouse?: CompaniesHouseFacts;
  /** Free text from the user, e.g. a quote's requirements or a test run's question. */
  requirements?: string;
  /** What the workspace sells, for drafting a quote (functions/quotes/draft-facts.ts). */
  catalog?: CatalogFacts;
  /** How many options a drafted quote offers, when the seller chose: one, or Good/Better/Best. */
  tiers?: 1 | 3;
}

/** The active catalog in the workspace's currency: what a drafted quote's lines may name. */
export interface CatalogFacts {
  currency: string;
  products: {
    productId: string;
    code: string;
    name: string;
    unit: string;
    category?: string;
    description?: string;
    /** Minor units; shown to the model for judgement only, the draft's prices come from the catalog. */
    unitPrice: number;
  }[];
  /** Rate-card roles by the day (minor units). */
  roles: { role: string; rateCard: string; dayRate: number }[];
  /** More active products exist than the prompt lists. */
  truncated: boolean;
}

export interface CompaniesHouseFacts {
  companyNumber: string;
  name: string;
  status: string;
  type?: string;
  incorporatedOn?: string;
  sicCodes: string[];
  registeredAddress?: string;
  accountsOverdue: boolean;
  confirmationStatementOverdue: boolean;
  hasInsolvencyHistory: boolean;
  hasCharges: boolean;
  lastAccountsMadeUpTo?: string;
  officers: { name: string; role: string; appointedOn?: string; resignedOn?: string; occupation?: string }[];
  /** Newest first, at most 20. */
  filings: { date: string; category: string; description: string; type?: string }[];
}
