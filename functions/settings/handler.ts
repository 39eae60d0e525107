import { defaultDeps as deps } from '../shared/deps.js';
import { createApi, noContent, ok, type AdminOperation, type TenantOperation } from '../shared/http.js';
import { parseInput } from '../shared/validation.js';
import {
  adminUsageQuerySchema,
  aiSettingsPatchSchema,
  apiKeySchema,
  providerParam,
  usageQuerySchema,
} from './schema.js';
import * as settings from './service.js';

const get: TenantOperation = async (req) => ok(await settings.getAiSettings(req.ctx, deps));

const patch: TenantOperation = async (req) =>
  ok(await settings.updateAiSettings(req.ctx, parseInput(aiSettingsPatchSchema, req.body), deps));

const putKey: TenantOperation = async (req) =>
  ok(await settings.setTenantKey(req.ctx, parseInput(apiKeySchema, req.body).apiKey, deps));

const deleteKey: TenantOperation = async (req) => {
  await settings.removeTenantKey(req.ctx, deps);
  return noContent();
};

const usage: TenantOperation = async (req) =>
  ok(await settings.usageHistory(req.ctx, parseInput(usageQuerySchema, req.query, 'query').months, deps));

const listKeys: AdminOperation = async () => ok(await settings.listPlatformKeys(deps));

const putPlatformKey: AdminOperation = async (req) => {
  const { provider } = parseInput(providerParam, req.params, 'path');
  return ok(await settings.setPlatformKey(provider, parseInput(apiKeySchema, req.body).apiKey, req.ctx.adminId, deps));
};

const deletePlatformKey: AdminOperation = async (req) => {
  await settings.removePlatformKey(parseInput(providerParam, req.params, 'path').provider, deps);
  return noContent();
};

const platformUsage: AdminOperation = async (req) =>
  ok(await settings.platformUsage(parseInput(adminUsageQuerySchema, req.query, 'query').month, deps));

export const handler = createApi('settings', {
  'GET /v1/settings/ai': get,
  'PATCH /v1/settings/ai': patch,
  'PUT /v1/settings/ai/key': putKey,
  'DELETE /v1/settings/ai/key': deleteKey,
  'GET /v1/usage': usage,
  'GET /v1/admin/keys': listKeys,
  'PUT /v1/admin/keys/{provider}': putPlatformKey,
  'DELETE /v1/admin/keys/{provider}': deletePlatformKey,
  'GET /v1/admin/usage': platformUsage,
});
