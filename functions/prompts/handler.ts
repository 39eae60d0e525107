import { interactiveCompaniesHouseLookup } from '../analysis/companies-house-lookup.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import type { AdminContext, TenantContext } from '../shared/auth-context.js';
import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { promptsApi } from './contract.js';
import * as prompts from './service.js';
import { testPrompt } from './test-run.js';

/** Tenants edit their overrides; platform admins edit the system prompts, with the same operations. */
const tenant = (ctx: TenantContext): prompts.PromptActor => ({
  scope: ctx.tenantId,
  actorId: ctx.userId,
  actorName: ctx.name,
});
const admin = (ctx: AdminContext): prompts.PromptActor => ({
  scope: PLATFORM_SCOPE,
  actorId: ctx.adminId,
  actorName: ctx.email,
});

export const handler = createApi(promptsApi, {
  list: ({ ctx }) => prompts.listPromptCategories(tenant(ctx), deps),
  create: ({ ctx, body }) => prompts.createPrompt(tenant(ctx), body, deps),
  get: ({ ctx, params }) => prompts.getPrompt(tenant(ctx), params.promptId, deps),
  update: ({ ctx, params, body, version }) => prompts.updatePrompt(tenant(ctx), params.promptId, body, version, deps),
  remove: ({ ctx, params }) => prompts.removePrompt(tenant(ctx), params.promptId, deps),
  versions: ({ ctx, params, query }) => prompts.listPromptVersions(tenant(ctx), params.promptId, query, deps),
  rollback: ({ ctx, params, body }) => prompts.rollbackPrompt(tenant(ctx), params.promptId, body, deps),
  test: ({ ctx, params, body }) =>
    testPrompt(ctx, tenant(ctx), params.promptId, body, { ...deps, companiesHouse: interactiveCompaniesHouseLookup }),
  adminList: ({ ctx }) => prompts.listPromptCategories(admin(ctx), deps),
  adminCreate: ({ ctx, body }) => prompts.createPrompt(admin(ctx), body, deps),
  adminGet: ({ ctx, params }) => prompts.getPrompt(admin(ctx), params.promptId, deps),
  adminUpdate: ({ ctx, params, body, version }) =>
    prompts.updatePrompt(admin(ctx), params.promptId, body, version, deps),
  adminRemove: ({ ctx, params }) => prompts.removePrompt(admin(ctx), params.promptId, deps),
  adminVersions: ({ ctx, params, query }) => prompts.listPromptVersions(admin(ctx), params.promptId, query, deps),
  adminRollback: ({ ctx, params, body }) => prompts.rollbackPrompt(admin(ctx), params.promptId, body, deps),
});
