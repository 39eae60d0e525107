/**
 * The domain's closed vocabularies, defined once. The data entities, the request and response
 * schemas and the SPA all read them from here, so a new stage or role is one edit.
 */

/** A company's place in the funnel, from first discovery to customer. */
export const STAGES = ['discovery', 'lead', 'prospect', 'opportunity', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

/** A tenant user's role; the route contracts say which roles may call what. */
export const ROLES = ['owner', 'admin', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CONTACT_ROLES = ['decision_maker', 'influencer', 'user', 'technical', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const EMAIL_TYPES = ['work', 'personal', 'other'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];
export const PHONE_TYPES = ['work', 'mobile', 'home', 'other'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

/** Where a deal stands; a pipeline stage's `kind` is one of these, and a deal's status follows its stage. */
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * What a company timeline entry is about. A new kind of record that belongs on the timeline
 * (deals, tasks) adds its name here; the entity, the API view and the SPA read this list.
 */
export const TIMELINE_SUBJECTS = ['company', 'contact', 'activity', 'deal', 'task', 'quote'] as const;
export type TimelineSubject = (typeof TIMELINE_SUBJECTS)[number];
/**
 * What happened to a timeline entry's subject; `moved` for a change of stage, `completed` for a
 * task done, `reopened` for one undone; `merged`, `merged_into`, `unmerged` and `restored` for merges and their undo;
 * `erased` for a contact erased on request; `submitted` … `revised` for a quote's lifecycle
 * (functions/quotes/lifecycle.ts) (functions/data/timeline-entry.ts).
 */
export const TIMELINE_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'moved',
  'completed',
  'reopened',
  'merged',
  'merged_into',
  'unmerged',
  'restored',
  'erased',
  'submitted',
  'approved',
  'rejected',
  'sent',
  'viewed',
  'accepted',
  'declined',
  'revised',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/**
 * A quote's lifecycle: draft → pending_approval → approved → sent → viewed → accepted | declined;
 * `expired` is read from `validUntil` (functions/quotes/lifecycle.ts).
 */
export const QUOTE_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'sent',
  'viewed',
  'accepted',
  'declined',
  'expired',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** The states of a merge of two companies or two contacts (functions/data/merge.ts). */
export const MERGE_STATES = ['moving', 'done', 'undoing', 'undone'] as const;

export const PLANS = ['free', 'starter', 'pro'] as const;
export type Plan = (typeof PLANS)[number];
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
export const USER_STATUSES = ['invited', 'active'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** What a prompt is for; each category has its own variables and output shape. */
export const PROMPT_CATEGORIES = [
  'company_analysis',
  'lead_scoring',
  'competitor_analysis',
  'financial_analysis',
  'quote_draft',
  'email_copy',
] as const;
export type PromptCategory = (typeof PROMPT_CATEGORIES)[number];

/** Who answers AI requests: OpenAI with a key, or the offline rules without one. */
export const AI_PROVIDERS = ['openai', 'offline'] as const;
export type AiProviderName = (typeof AI_PROVIDERS)[number];

/** The models a prompt may name: the ones functions/ai/pricing.ts can price, so budgets hold. */
export const AI_MODELS = [
  'gpt-4.1-nano',
  'gpt-4.1-mini',
  'gpt-4.1',
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-5-nano',
  'gpt-5-mini',
  'gpt-5',
  'o4-mini',
  'o3',
] as const;
export type AiModel = (typeof AI_MODELS)[number];

/** `gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`: a dated snapshot is its model. */
export const baseModel = (model: string): string => model.replace(/-\d{4}-\d{2}-\d{2}$/, '');

/** True for a model we can price (a known name, optionally with a dated snapshot suffix). */
export const isKnownModel = (model: string): boolean => (AI_MODELS as readonly string[]).includes(baseModel(model));

/** Where the prompt a run uses comes from: the workspace's override, the platform's, or the built-in default. */
export const PROMPT_SOURCES = ['tenant', 'system', 'default'] as const;
export type PromptSource = (typeof PROMPT_SOURCES)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STEPS = ['gather', 'analyse', 'score', 'persist', 'done'] as const;
export type RunStep = (typeof RUN_STEPS)[number];

/** Providers whose API keys Quoteflow stores. */
export const KEY_PROVIDERS = ['openai', 'companiesHouse'] as const;
export type KeyProvider = (typeof KEY_PROVIDERS)[number];

/** How urgent a task is. */
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
/** The My tasks buckets, by the user's calendar day: before today, today, after today. */
export const TASK_DUE_BUCKETS = ['overdue', 'today', 'upcoming'] as const;
export type TaskDueBucket = (typeof TASK_DUE_BUCKETS)[number];
/** What an in-app notification is about. */
export const NOTIFICATION_KINDS = ['task_due'] as const;
/** What a CSV import creates, and what it does with a row matching a stored record. */
export const IMPORT_KINDS = ['companies', 'contacts', 'deals'] as const;
export const ON_DUPLICATE = ['skip', 'update', 'create'] as const;
/** What an export holds: a list as CSV, or the whole workspace (GDPR). */
export const EXPORT_KINDS = ['companies', 'contacts', 'products', 'tenant'] as const;
