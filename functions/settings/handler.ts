import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import * as branding from './branding.js';
import * as quoteApproval from './quote-approval.js';
import { settingsApi } from './contract.js';
import * as security from './security.js';
import * as settings from './service.js';
import * as workspace from './workspace.js';

export const handler = createApi(settingsApi, {
  getAi: ({ ctx }) => settings.getAiSettings(ctx, deps),
  updateAi: ({ ctx, body, version }) => settings.updateAiSettings(ctx, body, version, deps),
  putKey: ({ ctx, body }) => settings.setTenantKey(ctx, body.apiKey, deps),
  deleteKey: ({ ctx }) => settings.removeTenantKey(ctx, deps),
  getSecurity: ({ ctx }) => security.getSecuritySettings(ctx, deps),
  updateSecurity: ({ ctx, body, version }) => security.updateSecuritySettings(ctx, body, version, deps),
  getWorkspace: ({ ctx }) => workspace.getWorkspaceSettings(ctx, deps),
  updateWorkspace: ({ ctx, body, version }) => workspace.updateWorkspaceSettings(ctx, body, version, deps),
  getBranding: ({ ctx }) => branding.getBranding(ctx, deps),
  putBranding: ({ ctx, body, version }) => branding.updateBranding(ctx, body, version, deps),
  getQuoteApproval: ({ ctx }) => quoteApproval.getQuoteApproval(ctx, deps),
  putQuoteApproval: ({ ctx, body, version }) => quoteApproval.updateQuoteApproval(ctx, body, version, deps),
  createLogoUpload: ({ ctx, body }) => branding.createLogoUpload(ctx, body.contentType, deps),
  usage: ({ ctx, query }) => settings.usageHistory(ctx, query.months, deps),
  listPlatformKeys: () => settings.listPlatformKeys(deps),
  putPlatformKey: ({ ctx, params, body }) => settings.setPlatformKey(params.provider, body.apiKey, ctx.adminId, deps),
  removePlatformKey: ({ params }) => settings.removePlatformKey(params.provider, deps),
  platformUsage: ({ query }) => settings.platformUsage(query.month, deps),
});
