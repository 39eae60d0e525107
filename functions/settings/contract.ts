import * as z from 'zod';
import { defineContract, MANAGE_USERS, money, noContent, OWNER, page, READ } from '../shared/contract.js';
import { AI_PROVIDERS, KEY_PROVIDERS } from '../shared/enums.js';
import {
  adminUsageQuerySchema,
  aiSettingsPatchSchema,
  apiKeySchema,
  brandingPutSchema,
  quoteApprovalPutSchema,
  LOGO_TYPES,
  logoUploadSchema,
  providerParam,
  securitySettingsPatchSchema,
  usageQuerySchema,
  workspaceSettingsPatchSchema,
} from './schema.js';

/** What answers AI requests: OpenAI on a key, or the offline analyser when no key is set. */
export const aiProviderName = z.enum(AI_PROVIDERS);
export type AiProviderName = z.output<typeof aiProviderName>;

/** A stored key as it may be shown: never its value, only its last four characters. */
export const keyDescriptionView = z.object({
  provider: z.enum(KEY_PROVIDERS),
  last4: z.string(),
  setAt: z.string(),
  setBy: z.string(),
});
export type KeyDescriptionView = z.output<typeof keyDescriptionView>;

/** A month of a tenant's AI usage (`month` is YYYY-MM, cost in US dollars in millionths). */
export const aiUsageMonthView = z
  .object({
    month: z.string(),
    runs: z.number().int(),
    cacheHits: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costMicros: z.number().int(),
  })
  .meta({ id: 'AiUsageMonth' });
export type AiUsageMonthView = z.output<typeof aiUsageMonthView>;

/** This month's usage with the budget (in US cents) it counts against. */
export const aiUsageSnapshotView = aiUsageMonthView.extend({ budgetCents: z.number().int() });
export type AiUsageSnapshotView = z.output<typeof aiUsageSnapshotView>;

/** `GET /v1/settings/ai`: what runs analyses, the tenant's key (last four only), budget and usage. */
export const aiSettingsView = z
  .object({
    /** Which provider the next run will use. */
    provider: aiProviderName,
    /** The key in effect, never its value. */
    activeKey: z.object({ source: z.enum(['tenant', 'platform']), last4: z.string() }).nullable(),
    tenantKey: keyDescriptionView.nullable(),
    platformKeySet: z.boolean(),
    monthlyBudget: z.object({ amount: z.number().int(), currency: z.literal('USD') }),
    usage: aiUsageSnapshotView,
    /** The budget settings' version, for If-Match on PATCH (1 while the defaults apply). */
    version: z.number().int().positive(),
  })
  .meta({ id: 'AiSettings' });
export type AiSettingsView = z.output<typeof aiSettingsView>;

/** `GET /v1/usage`: month by month, newest first, with this month's usage and budget. */
export const usageHistoryView = page(aiUsageMonthView).extend({ current: aiUsageSnapshotView });
export type UsageHistoryView = z.output<typeof usageHistoryView>;

/** A platform key as the console sees it: set or not, and its last four characters. */
export const platformKeyView = z
  .object({
    provider: z.enum(KEY_PROVIDERS),
    set: z.boolean(),
    last4: z.string().nullable(),
    setAt: z.string().nullable(),
  })
  .meta({ id: 'PlatformKey' });
export type PlatformKeyView = z.output<typeof platformKeyView>;

/** One tenant's AI usage in a month. */
export const tenantAiUsageView = aiUsageMonthView.omit({ month: true }).extend({
  tenantId: z.string(),
  tenantName: z.string(),
});
export type TenantAiUsageView = z.output<typeof tenantAiUsageView>;

/** `GET /v1/admin/usage`: every tenant's usage in one month, highest cost first. */
export const platformUsageView = page(tenantAiUsageView).extend({ month: z.string() });
export type PlatformUsageView = z.output<typeof platformUsageView>;

/** `GET /v1/settings/security`: what the workspace asks of everyone's sign-in; `version` is the workspace's. */
export const securitySettingsView = z
  .object({
    /** Everyone must sign in with a TOTP code; users without one can only set it up. */
    mfaRequired: z.boolean(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SecuritySettings' });
export type SecuritySettingsView = z.output<typeof securitySettingsView>;

/** `GET /v1/settings/workspace`: the workspace's defaults; `version` is the workspace's. */
export const workspaceSettingsView = z
  .object({
    name: z.string(),
    /** ISO 4217 code new deals and quotes start in (GBP until chosen). */
    currency: z.string().length(3),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'WorkspaceSettings' });
export type WorkspaceSettingsView = z.output<typeof workspaceSettingsView>;

/** `GET /v1/settings/branding`: how the workspace's quote PDFs look; `version` is the workspace's. */
export const brandingView = z
  .object({
    /** False until the branding is first saved: PDFs use the workspace's name and the default colour. */
    configured: z.boolean(),
    /** The workspace's name, printed when there is no logo. */
    name: z.string(),
    /** `#RRGGBB`: headings and rules. */
    accentColour: z.string(),
    addressLines: z.array(z.string()),
    /** Printed at the foot of every page. */
    footerTerms: z.string(),
    /** The logo, with a link to it valid for ten minutes. */
    logo: z.object({ url: z.string(), contentType: z.enum(LOGO_TYPES), bytes: z.number().int() }).nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'BrandingSettings' });
export type BrandingView = z.output<typeof brandingView>;

/** `GET /v1/settings/quote-approval`: when quotes need an approver; `version` is the workspace's. */
export const quoteApprovalView = z
  .object({
    /** False while the workspace uses the default rules. */
    custom: z.boolean(),
    maxLineDiscountBps: z.number(),
    maxTotal: z.array(money),
    version: z.number(),
  })
  .meta({ id: 'QuoteApprovalSettings' });
export type QuoteApprovalView = z.output<typeof quoteApprovalView>;

/** A presigned PUT for a logo; save the branding with its `uploadKey` to use it. */
export const logoUploadView = z
  .object({
    uploadKey: z.string(),
    /** PUT the image here (presigned, 15 minutes) with the headers below. */
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    maxBytes: z.number().int(),
  })
  .meta({ id: 'LogoUpload' });
export type LogoUploadView = z.output<typeof logoUploadView>;

/** AI settings, keys, budgets and usage: the tenant's and the platform's; the workspace's security settings and branding. */
export const settingsApi = defineContract('settings', {
  getAi: {
    method: 'GET',
    path: '/v1/settings/ai',
    auth: 'tenant',
    roles: READ,
    summary: 'The AI provider in use, the workspace’s key (last four only), its budget and this month’s usage',
    response: aiSettingsView,
  },
  updateAi: {
    method: 'PATCH',
    path: '/v1/settings/ai',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Set the workspace’s monthly AI budget',
    body: aiSettingsPatchSchema,
    response: aiSettingsView,
    versioned: true,
  },
  putKey: {
    method: 'PUT',
    path: '/v1/settings/ai/key',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Set or replace the workspace’s own OpenAI key (stored encrypted)',
    body: apiKeySchema,
    response: aiSettingsView,
  },
  deleteKey: {
    method: 'DELETE',
    path: '/v1/settings/ai/key',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Remove the workspace’s OpenAI key; runs fall back to the platform key, or offline',
    response: noContent,
    status: 204,
  },
  getSecurity: {
    method: 'GET',
    path: '/v1/settings/security',
    auth: 'tenant',
    roles: OWNER,
    summary: 'Whether the workspace requires two-factor sign-in',
    response: securitySettingsView,
  },
  updateSecurity: {
    method: 'PATCH',
    path: '/v1/settings/security',
    auth: 'tenant',
    roles: OWNER,
    summary:
      'Require (or stop requiring) two-factor sign-in for everyone; requiring it needs the owner’s own TOTP first (422)',
    body: securitySettingsPatchSchema,
    response: securitySettingsView,
    versioned: true,
  },
  getWorkspace: {
    method: 'GET',
    path: '/v1/settings/workspace',
    auth: 'tenant',
    roles: READ,
    summary: 'The workspace’s defaults, such as the currency of new deals and quotes',
    response: workspaceSettingsView,
  },
  updateWorkspace: {
    method: 'PATCH',
    path: '/v1/settings/workspace',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Change the workspace’s default currency (ISO 4217); amounts already saved keep theirs',
    body: workspaceSettingsPatchSchema,
    response: workspaceSettingsView,
    versioned: true,
  },
  getBranding: {
    method: 'GET',
    path: '/v1/settings/branding',
    auth: 'tenant',
    roles: READ,
    summary: 'How the workspace’s quote PDFs look: accent colour, address, footer terms and logo',
    response: brandingView,
  },
  putBranding: {
    method: 'PUT',
    path: '/v1/settings/branding',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary:
      'Replace the workspace’s branding; a logo uploaded first is checked (PNG or JPEG, at most 512 KB) when saved',
    body: brandingPutSchema,
    response: brandingView,
    versioned: true,
  },
  getQuoteApproval: {
    method: 'GET',
    path: '/v1/settings/quote-approval',
    auth: 'tenant',
    roles: READ,
    summary:
      'When a quote needs an owner or admin to approve it (default: a line discount over 15 % or a total over £10,000)',
    response: quoteApprovalView,
  },
  putQuoteApproval: {
    method: 'PUT',
    path: '/v1/settings/quote-approval',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Replace the workspace’s approval rules for quotes; quotes already submitted keep theirs until edited',
    body: quoteApprovalPutSchema,
    response: quoteApprovalView,
    versioned: true,
  },
  createLogoUpload: {
    method: 'POST',
    path: '/v1/settings/branding/logo-uploads',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'A presigned PUT for a logo image; save the branding with its uploadKey to use it',
    body: logoUploadSchema,
    response: logoUploadView,
    status: 201,
  },
  usage: {
    method: 'GET',
    path: '/v1/usage',
    auth: 'tenant',
    roles: READ,
    summary: 'The workspace’s AI usage month by month, newest first, with this month’s budget',
    query: usageQuerySchema,
    response: usageHistoryView,
  },
  listPlatformKeys: {
    method: 'GET',
    path: '/v1/admin/keys',
    auth: 'admin',
    summary: 'The platform’s provider keys: set or not, and their last four characters',
    response: page(platformKeyView),
  },
  putPlatformKey: {
    method: 'PUT',
    path: '/v1/admin/keys/{provider}',
    auth: 'admin',
    summary: 'Set or replace a platform provider key (stored encrypted)',
    params: providerParam,
    body: apiKeySchema,
    response: keyDescriptionView,
  },
  removePlatformKey: {
    method: 'DELETE',
    path: '/v1/admin/keys/{provider}',
    auth: 'admin',
    summary: 'Remove a platform provider key',
    params: providerParam,
    response: noContent,
    status: 204,
  },
  platformUsage: {
    method: 'GET',
    path: '/v1/admin/usage',
    auth: 'admin',
    summary: 'Every tenant’s AI usage in a month (this month unless `?month=`), highest cost first',
    query: adminUsageQuerySchema,
    response: platformUsageView,
  },
});
