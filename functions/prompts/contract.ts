import * as z from 'zod';
import { defineContract, idParams, MANAGE_USERS, noContent, page, READ } from '../shared/contract.js';
import { PROMPT_CATEGORIES, PROMPT_SOURCES } from '../shared/enums.js';
import { aiProviderName } from '../settings/contract.js';
import {
  createPromptSchema,
  listVersionsSchema,
  rollbackSchema,
  testPromptSchema,
  updatePromptSchema,
} from './schema.js';

/** Where a prompt comes from: the tenant's override, the platform's system prompt, or the built-in default. */
export const promptScope = z.enum(PROMPT_SOURCES);
export type PromptScope = z.output<typeof promptScope>;

/** A prompt as stored, or the built-in default (with null id, version and update). */
export const promptView = z
  .object({
    promptId: z.string().nullable(),
    scope: promptScope,
    category: z.enum(PROMPT_CATEGORIES),
    name: z.string(),
    systemTemplate: z.string(),
    userTemplate: z.string(),
    model: z.string(),
    temperature: z.number(),
    version: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Prompt' });
export type PromptView = z.output<typeof promptView>;

/** One prompt category: its `{{variables}}`, and the prompt in effect, the tenant's and the platform's. */
export const promptCategoryView = z
  .object({
    category: z.enum(PROMPT_CATEGORIES),
    label: z.string(),
    description: z.string(),
    variables: z.array(z.object({ name: z.string(), description: z.string() })),
    /** What a run uses now: the tenant's override, else the system prompt, else the built-in default. */
    active: promptView,
    /** The tenant's own prompt for this category (always null in the admin console). */
    override: promptView.nullable(),
    system: promptView.nullable(),
  })
  .meta({ id: 'PromptCategory' });
export type PromptCategoryView = z.output<typeof promptCategoryView>;

/** One saved version of a prompt. */
export const promptVersionView = z
  .object({
    version: z.number().int(),
    name: z.string(),
    systemTemplate: z.string(),
    userTemplate: z.string(),
    model: z.string(),
    temperature: z.number(),
    note: z.string().optional(),
    restoredFrom: z.number().int().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    createdByName: z.string(),
  })
  .meta({ id: 'PromptVersion' });
export type PromptVersionView = z.output<typeof promptVersionView>;

/** A test run: the prompt used, how it rendered and what the provider answered. Nothing is saved. */
export const promptTestResult = z.object({
  prompt: z.object({
    promptId: z.string().nullable(),
    version: z.number().int().nullable(),
    model: z.string(),
    temperature: z.number(),
    /** The unsaved draft was run instead of the saved prompt. */
    draft: z.boolean(),
  }),
  rendered: z.object({ instructions: z.string(), input: z.string() }),
  /** The category's structured output (its shape depends on the category). */
  output: z.unknown(),
  provider: aiProviderName,
  model: z.string(),
  usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
  /** US dollars in millionths. */
  costMicros: z.number().int(),
  cached: z.boolean(),
  durationMs: z.number().int(),
});
export type PromptTestResult = z.output<typeof promptTestResult>;

const prompt = idParams('promptId');

/**
 * AI prompts: each tenant's overrides (`/v1/prompts…`) and the platform's system prompts
 * (`/v1/admin/prompts…`), with versions, rollback and test runs.
 */
export const promptsApi = defineContract('prompts', {
  list: {
    method: 'GET',
    path: '/v1/prompts',
    auth: 'tenant',
    roles: READ,
    summary: 'Every prompt category with the prompt in effect, the workspace’s override and the system prompt',
    response: page(promptCategoryView),
  },
  create: {
    method: 'POST',
    path: '/v1/prompts',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Create the workspace’s override of a category’s prompt (version 1)',
    body: createPromptSchema,
    response: promptView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/prompts/{promptId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One prompt: the workspace’s own, or a system prompt (read-only)',
    params: prompt,
    response: promptView,
  },
  update: {
    method: 'PUT',
    path: '/v1/prompts/{promptId}',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Save a new version of the workspace’s prompt',
    params: prompt,
    body: updatePromptSchema,
    response: promptView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/prompts/{promptId}',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Stop using the workspace’s prompt (runs fall back to the system prompt); its versions are kept',
    params: prompt,
    response: noContent,
    status: 204,
  },
  versions: {
    method: 'GET',
    path: '/v1/prompts/{promptId}/versions',
    auth: 'tenant',
    roles: READ,
    summary: 'A prompt’s versions, newest first',
    params: prompt,
    query: listVersionsSchema,
    response: page(promptVersionView),
  },
  rollback: {
    method: 'POST',
    path: '/v1/prompts/{promptId}/rollback',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Restore an earlier version’s content as a new version',
    params: prompt,
    body: rollbackSchema,
    response: promptView,
  },
  test: {
    method: 'POST',
    path: '/v1/prompts/{promptId}/test',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Run a prompt (or an unsaved draft of it) against a company without saving anything',
    params: prompt,
    body: testPromptSchema,
    response: promptTestResult,
  },
  adminList: {
    method: 'GET',
    path: '/v1/admin/prompts',
    auth: 'admin',
    summary: 'Every prompt category with the platform’s system prompt and the built-in default',
    response: page(promptCategoryView),
  },
  adminCreate: {
    method: 'POST',
    path: '/v1/admin/prompts',
    auth: 'admin',
    summary: 'Create the system prompt of a category (version 1)',
    body: createPromptSchema,
    response: promptView,
    status: 201,
  },
  adminGet: {
    method: 'GET',
    path: '/v1/admin/prompts/{promptId}',
    auth: 'admin',
    summary: 'One system prompt',
    params: prompt,
    response: promptView,
  },
  adminUpdate: {
    method: 'PUT',
    path: '/v1/admin/prompts/{promptId}',
    auth: 'admin',
    summary: 'Save a new version of a system prompt',
    params: prompt,
    body: updatePromptSchema,
    response: promptView,
    versioned: true,
  },
  adminRemove: {
    method: 'DELETE',
    path: '/v1/admin/prompts/{promptId}',
    auth: 'admin',
    summary: 'Stop using a system prompt (runs fall back to the built-in default); its versions are kept',
    params: prompt,
    response: noContent,
    status: 204,
  },
  adminVersions: {
    method: 'GET',
    path: '/v1/admin/prompts/{promptId}/versions',
    auth: 'admin',
    summary: 'A system prompt’s versions, newest first',
    params: prompt,
    query: listVersionsSchema,
    response: page(promptVersionView),
  },
  adminRollback: {
    method: 'POST',
    path: '/v1/admin/prompts/{promptId}/rollback',
    auth: 'admin',
    summary: 'Restore an earlier version of a system prompt as a new version',
    params: prompt,
    body: rollbackSchema,
    response: promptView,
  },
});
