import { companiesHouseLookup } from '../analysis/companies-house-lookup.js';
import type { AdminContext, TenantContext } from '../shared/auth-context.js';
import { defaultDeps as deps } from '../shared/deps.js';
import {
  createApi,
  created,
  expectedVersion,
  noContent,
  ok,
  type AdminOperation,
  type TenantOperation,
} from '../shared/http.js';
import { parseInput } from '../shared/validation.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import {
  createPromptSchema,
  listVersionsSchema,
  rollbackSchema,
  testPromptSchema,
  updatePromptSchema,
} from './schema.js';
import * as prompts from './service.js';
import { testPrompt } from './test-run.js';

const tenantActor = (ctx: TenantContext): prompts.PromptActor => ({
  scope: ctx.tenantId,
  actorId: ctx.userId,
  actorName: ctx.name,
});
const adminActor = (ctx: AdminContext): prompts.PromptActor => ({
  scope: PLATFORM_SCOPE,
  actorId: ctx.adminId,
  actorName: ctx.email,
});

type Actor = prompts.PromptActor;
type Request = Parameters<TenantOperation>[0] | Parameters<AdminOperation>[0];

/** The same operations serve tenants (their overrides) and platform admins (system prompts). */
const operations = (actorOf: (req: Request) => Actor) => ({
  list: async (req: Request) => ok(await prompts.listPromptCategories(actorOf(req), deps)),
  create: async (req: Request) =>
    created(await prompts.createPrompt(actorOf(req), parseInput(createPromptSchema, req.body), deps)),
  get: async (req: Request) => ok(await prompts.getPrompt(actorOf(req), req.params.promptId!, deps)),
  update: async (req: Request) => {
    const input = parseInput(updatePromptSchema, req.body);
    return ok(await prompts.updatePrompt(actorOf(req), req.params.promptId!, input, expectedVersion(req), deps));
  },
  versions: async (req: Request) =>
    ok(
      await prompts.listPromptVersions(
        actorOf(req),
        req.params.promptId!,
        parseInput(listVersionsSchema, req.query, 'query'),
        deps,
      ),
    ),
  remove: async (req: Request) => {
    await prompts.removePrompt(actorOf(req), req.params.promptId!, deps);
    return noContent();
  },
  rollback: async (req: Request) =>
    ok(await prompts.rollbackPrompt(actorOf(req), req.params.promptId!, parseInput(rollbackSchema, req.body), deps)),
});

const tenant = operations((req) => tenantActor(req.ctx as TenantContext));
const admin = operations((req) => adminActor(req.ctx as AdminContext));

const test: TenantOperation = async (req) =>
  ok(
    await testPrompt(req.ctx, tenantActor(req.ctx), req.params.promptId!, parseInput(testPromptSchema, req.body), {
      ...deps,
      companiesHouse: companiesHouseLookup,
    }),
  );

export const handler = createApi('prompts', {
  'GET /v1/prompts': tenant.list,
  'POST /v1/prompts': tenant.create,
  'GET /v1/prompts/{promptId}': tenant.get,
  'PUT /v1/prompts/{promptId}': tenant.update,
  'DELETE /v1/prompts/{promptId}': tenant.remove,
  'GET /v1/prompts/{promptId}/versions': tenant.versions,
  'POST /v1/prompts/{promptId}/rollback': tenant.rollback,
  'POST /v1/prompts/{promptId}/test': test,
  'GET /v1/admin/prompts': admin.list,
  'POST /v1/admin/prompts': admin.create,
  'GET /v1/admin/prompts/{promptId}': admin.get,
  'PUT /v1/admin/prompts/{promptId}': admin.update,
  'DELETE /v1/admin/prompts/{promptId}': admin.remove,
  'GET /v1/admin/prompts/{promptId}/versions': admin.versions,
  'POST /v1/admin/prompts/{promptId}/rollback': admin.rollback,
});
