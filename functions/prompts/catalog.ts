import { PROMPT_CATEGORIES, type PromptCategory } from '../shared/enums.js';

/** The variables every company-based prompt may use (values come from render.ts). */
const COMPANY_VARIABLES = {
  company_name: 'The company’s name',
  company_stage: 'discovery, lead, prospect, opportunity, customer or lost',
  company_industry: 'Industry, if known',
  company_profile: 'Name, stage, industry, website, number, locations, tags',
  known_facts: 'Facts the team recorded, one per line',
  contacts: 'Contacts with their titles and roles',
  activities: 'Calls, emails, meetings and notes, newest first, with ages in days',
  companies_house: 'Companies House profile, officers and recent filings, when available',
  today: 'Today’s date (YYYY-MM-DD)',
} as const;

export interface CategoryDefinition {
  label: string;
  description: string;
  /** The only variables a template of this category may use; anything else is refused on save. */
  variables: Record<string, string>;
  /** The built-in default, used when neither the tenant nor the platform has a prompt. */
  defaults: { systemTemplate: string; userTemplate: string; model: string; temperature: number };
}

export const DEFAULT_MODEL = 'gpt-4.1-mini';

const ANALYST =
  'You are a sales analyst for a small B2B seller of IT and business services in the UK. Be concrete and brief. ' +
  'Use only the facts given; when something is not known, say so instead of guessing. Every finding must cite, in its ' +
  'evidence field, the fact it rests on.';

/** Every block of facts, for the prompts that look at the whole company. */
const EVERYTHING_KNOWN = [
  'Profile:\n{{company_profile}}',
  'Known facts:\n{{known_facts}}',
  'Contacts:\n{{contacts}}',
  'Activity history:\n{{activities}}',
  'Companies House:\n{{companies_house}}',
].join('\n\n');

export const CATEGORIES: Record<PromptCategory, CategoryDefinition> = {
  company_analysis: {
    label: 'Company analysis',
    description: 'Summary, opportunities, risks, competitors and next actions for one company',
    variables: COMPANY_VARIABLES,
    defaults: {
      systemTemplate: ANALYST,
      userTemplate: [
        'Analyse {{company_name}} as of {{today}}.',
        EVERYTHING_KNOWN,
        'Give a summary, the opportunities and risks you see, any competitors or incumbent suppliers mentioned, and the next actions the seller should take.',
      ].join('\n\n'),
      model: DEFAULT_MODEL,
      temperature: 0.2,
    },
  },
  lead_scoring: {
    label: 'Lead and health scoring',
    description: 'Lead score and health score, 0–100, each with the factors that drove it',
    variables: COMPANY_VARIABLES,
    defaults: {
      systemTemplate:
        `${ANALYST} Scores run from 0 to 100. The lead score says how likely the company is to buy soon; the health ` +
        'score says how healthy the relationship and the company look. List the factors that moved each score, with ' +
        'signed points that roughly add up to the score from a base of 50.',
      userTemplate: ['Score {{company_name}} ({{company_stage}}) as of {{today}}.', EVERYTHING_KNOWN].join('\n\n'),
      model: DEFAULT_MODEL,
      temperature: 0,
    },
  },
  competitor_analysis: {
    label: 'Competitor analysis',
    description: 'Incumbents and competitors named in the record, and how to position against them',
    variables: COMPANY_VARIABLES,
    defaults: {
      systemTemplate: ANALYST,
      userTemplate:
        'Which competitors or incumbent suppliers does {{company_name}} work with, and how should we position against them?\n\nKnown facts:\n{{known_facts}}\n\nActivity history:\n{{activities}}',
      model: DEFAULT_MODEL,
      temperature: 0.2,
    },
  },
  financial_analysis: {
    label: 'Financial analysis',
    description: 'Financial standing from the public record (Companies House)',
    variables: COMPANY_VARIABLES,
    defaults: {
      systemTemplate: `${ANALYST} Judge credit risk conservatively.`,
      userTemplate:
        'Assess the financial standing of {{company_name}} from its public record.\n\nCompanies House:\n{{companies_house}}\n\nKnown facts:\n{{known_facts}}',
      model: DEFAULT_MODEL,
      temperature: 0,
    },
  },
  quote_draft: {
    label: 'Quote draft',
    description: 'A first draft of a quote from the customer’s requirements, built from the catalog and day rates',
    variables: {
      ...COMPANY_VARIABLES,
      requirements: 'What the customer asked for, in their words',
      catalog: 'The workspace’s active products (by code) and rate-card roles',
      tiers: 'How many options to offer: one, or Good/Better/Best',
    },
    defaults: {
      systemTemplate:
        'You draft quotes for a UK IT services company. Build every line from the catalog: name a product by its code, or a rate-card role with a quantity in days. ' +
        'Never give a price; the seller’s catalog prices each line. Anything the catalog lacks is a custom line the seller will price. ' +
        'Prefer a few clear lines over many small ones, take quantities from the requirements, and list the assumptions to confirm and the risks you see.',
      userTemplate:
        'Draft a quote for {{company_name}}. Offer: {{tiers}}\n\nRequirements:\n{{requirements}}\n\nCatalog:\n{{catalog}}\n\nProfile:\n{{company_profile}}\n\nContacts:\n{{contacts}}\n\nKnown facts:\n{{known_facts}}',
      model: DEFAULT_MODEL,
      temperature: 0.3,
    },
  },
  email_copy: {
    label: 'Email copy',
    description: 'A short, personal sales email to the company',
    variables: { ...COMPANY_VARIABLES, requirements: 'What the email is for (e.g. “book a review call”)' },
    defaults: {
      systemTemplate:
        'You write short, plain, personal B2B emails for a UK IT services seller. No hype, no buzzwords, one clear ask, under 150 words.',
      userTemplate:
        'Write an email to {{company_name}}. Purpose: {{requirements}}\n\nContacts:\n{{contacts}}\n\nRecent activity:\n{{activities}}\n\nKnown facts:\n{{known_facts}}',
      model: DEFAULT_MODEL,
      temperature: 0.6,
    },
  },
};

export { PROMPT_CATEGORIES };
