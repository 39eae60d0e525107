/** API resource shapes as the HTTP API returns them (the contract, not the backend's internals). */

export const STAGES = ['discovery', 'lead', 'prospect', 'opportunity', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['owner', 'admin', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CONTACT_ROLES = ['decision_maker', 'influencer', 'user', 'technical', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const EMAIL_TYPES = ['work', 'personal', 'other'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const PHONE_TYPES = ['work', 'mobile', 'home', 'other'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const PLANS = ['free', 'starter', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

export type TenantStatus = 'active' | 'suspended';

/** One page of a list endpoint. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Address {
  type?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postcode?: string;
  country?: string;
}

export interface Company {
  companyId: string;
  name: string;
  domain?: string;
  companyNumber?: string;
  stage: Stage;
  industry?: string;
  addresses: Address[];
  tags: string[];
  ownerId?: string;
  knownFacts: string[];
  leadScore?: number;
  healthScore?: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export interface ContactEmail {
  address: string;
  type: EmailType;
  primary: boolean;
}

export interface ContactPhone {
  number: string;
  type: PhoneType;
  primary: boolean;
}

export interface Contact {
  contactId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  jobTitle?: string;
  role: ContactRole;
  emails: ContactEmail[];
  phones: ContactPhone[];
  notes?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface User {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active';
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Me extends User {
  tenant: { tenantId: string; name: string; slug: string; plan: Plan };
}

export interface TimelineChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface TimelineEntry {
  entryId: string;
  at: string;
  actorName: string;
  action: 'created' | 'updated' | 'deleted';
  subjectType: 'company' | 'contact';
  subjectName: string;
  changes: TimelineChange[];
}

/** A call, email, meeting or note logged against a company. */
export interface Activity {
  activityId: string;
  companyId: string;
  type: ActivityType;
  subject: string;
  body?: string;
  contactId?: string;
  occurredAt: string;
  durationMinutes?: number;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

export interface Tenant {
  tenantId: string;
  name: string;
  slug: string;
  plan: Plan;
  status: TenantStatus;
  ownerEmail: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/* ---------- AI prompts, keys, budgets and usage (prompts & settings screens) ---------- */

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

/** Where a prompt comes from: the tenant's override, the platform's system prompt, or the built-in default. */
export type PromptScope = 'tenant' | 'system' | 'default';

/** A prompt as stored (or the built-in default, with null id and version). */
export interface PromptView {
  promptId: string | null;
  scope: PromptScope;
  category: PromptCategory;
  name: string;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
  version: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A `{{variable}}` a category's templates may use. */
export interface PromptVariable {
  name: string;
  description: string;
}

/** One category of `GET /v1/prompts` (or `/v1/admin/prompts`). */
export interface PromptCategoryView {
  category: PromptCategory;
  label: string;
  description: string;
  variables: PromptVariable[];
  /** What runs use now. */
  active: PromptView;
  /** The tenant's own prompt (always null in the admin console). */
  override: PromptView | null;
  system: PromptView | null;
}

/** One saved version of a prompt. */
export interface PromptVersion {
  version: number;
  name: string;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
  note?: string;
  restoredFrom?: number;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

/** The editable content of a prompt (what a test run's `draft` and a PUT carry). */
export interface PromptContent {
  name: string;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
}

/** `POST /v1/prompts/{id}/test`: the rendered prompt and what the provider answered. Nothing is saved. */
export interface PromptTestResult {
  prompt: { promptId: string | null; version: number | null; model: string; temperature: number; draft: boolean };
  rendered: { instructions: string; input: string };
  output: unknown;
  provider: 'openai' | 'offline';
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costMicros: number;
  cached: boolean;
  durationMs: number;
}

/** A month of a tenant's AI usage (`month` is YYYY-MM, cost in USD millionths). */
export interface AiUsageMonth {
  month: string;
  runs: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

/** This month's usage with the budget it counts against. */
export interface AiUsageSnapshot extends AiUsageMonth {
  budgetCents: number;
}

/** `GET /v1/settings/ai`: what runs analyses, the tenant's key (last four only), budget and usage. */
export interface AiSettings {
  provider: 'openai' | 'offline';
  activeKey: { source: 'tenant' | 'platform'; last4: string } | null;
  tenantKey: { provider: string; last4: string; setAt: string; setBy: string } | null;
  platformKeySet: boolean;
  monthlyBudget: { amount: number; currency: 'USD' };
  usage: AiUsageSnapshot;
}

export type PlatformKeyProvider = 'openai' | 'companiesHouse';

/** A platform key as the console sees it: set or not, and its last four characters. */
export interface PlatformKey {
  provider: PlatformKeyProvider;
  set: boolean;
  last4: string | null;
  setAt: string | null;
}

/** One tenant's AI usage in a month (`GET /v1/admin/usage`). */
export interface TenantAiUsage extends Omit<AiUsageMonth, 'month'> {
  tenantId: string;
  tenantName: string;
}

/* ---------- AI analysis, bulk analysis and Companies House directors (issue 3) ---------- */

export type AnalysisStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type AnalysisStep = 'gather' | 'analyse' | 'score' | 'persist' | 'done';

/** Which prompt a run used: the workspace's override, the platform's, or the built-in one. */
export interface AnalysisPromptUsed {
  source: 'tenant' | 'system' | 'default';
  promptId?: string;
  version?: number;
  name: string;
  model: string;
}

/** One reason behind a score: a signed impact (−50..50) and the data it came from. */
export interface ScoreFactor {
  label: string;
  impact: number;
  evidence: string;
}

export interface ScoreResult {
  score: number;
  factors: ScoreFactor[];
}

export interface AnalysisResult {
  summary: string;
  opportunities: { title: string; detail: string; evidence: string }[];
  risks: { title: string; detail: string; evidence: string }[];
  competitors: { name: string; detail: string; evidence: string }[];
  nextActions: { action: string; reason: string; evidence: string }[];
}

/** One AI analysis of a company (GET …/analysis/{runId}; lists leave `facts` out). */
export interface AnalysisRun {
  companyId: string;
  runId: string;
  status: AnalysisStatus;
  step: AnalysisStep;
  trigger: 'manual' | 'bulk';
  batchId?: string;
  requestedBy: string;
  requestedByName: string;
  provider?: 'openai' | 'offline';
  model?: string;
  cached?: boolean;
  prompts?: { analysis?: AnalysisPromptUsed; scoring?: AnalysisPromptUsed };
  analysis?: AnalysisResult;
  scores?: { leadScore: ScoreResult; healthScore: ScoreResult };
  error?: { code: string; reason: string };
  inputTokens?: number;
  outputTokens?: number;
  /** US dollars in millionths. */
  costMicros?: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  updatedAt: string;
  facts?: unknown;
}

/** POST /v1/companies/{companyId}/analysis. */
export interface AnalysisStarted {
  runId: string;
  status: AnalysisStatus;
}

/** An analysis of every company in one stage. */
export interface AnalysisBatch {
  batchId: string;
  stage: Stage;
  total: number;
  succeeded: number;
  failed: number;
  done: boolean;
  requestedByName: string;
  createdAt: string;
  updatedAt: string;
}

/** One officer of a company on the Companies House register. */
export interface Director {
  officerId: string;
  name: string;
  /** As Companies House writes it: `director`, `secretary`, `llp-designated-member`, `corporate-secretary`… */
  role: string;
  appointedOn?: string;
  resignedOn?: string;
  occupation?: string;
  nationality?: string;
  countryOfResidence?: string;
  active: boolean;
}

export interface DirectorsList {
  companyNumber: string;
  items: Director[];
}

/** Set by each successful analysis (merged into the Company interface above). */
export interface Company {
  lastAnalysisRunId?: string;
  lastAnalysedAt?: string;
}
