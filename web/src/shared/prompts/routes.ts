import { promptsApi, type PromptView } from '../../../../functions/prompts/contract';

/** `tenant` edits the workspace's override (`/v1/prompts…`); `system` the platform's system prompt (`/v1/admin/prompts…`). */
export type PromptMode = 'tenant' | 'system';

/** The same operations on either kind of prompt. */
export const PROMPT_ROUTES = {
  tenant: {
    list: promptsApi.list,
    create: promptsApi.create,
    get: promptsApi.get,
    update: promptsApi.update,
    remove: promptsApi.remove,
    versions: promptsApi.versions,
    rollback: promptsApi.rollback,
  },
  system: {
    list: promptsApi.adminList,
    create: promptsApi.adminCreate,
    get: promptsApi.adminGet,
    update: promptsApi.adminUpdate,
    remove: promptsApi.adminRemove,
    versions: promptsApi.adminVersions,
    rollback: promptsApi.adminRollback,
  },
} as const;

/** A prompt that exists (the built-in default has no id or version). */
export type SavedPrompt = PromptView & { promptId: string; version: number };
export const isSaved = (p: PromptView | null): p is SavedPrompt => !!p && p.promptId !== null && p.version !== null;
