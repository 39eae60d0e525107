import type { PromptCategory } from '../shared/enums.js';
import type { Prompt, PromptVersion } from '../data/prompt.js';
import { assertCommitted } from '../data/transaction.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import { CATEGORIES, PROMPT_CATEGORIES } from './catalog.js';
import { variablesIn } from './render.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import { readScope } from '../data/tenant-scope.js';
import { builtInDefault, invalidatePrompts } from './resolver.js';
import type { PromptCategoryView, PromptVersionView, PromptView } from './contract.js';
import type { CreatePromptInput, UpdatePromptInput } from './schema.js';
import { withArticle } from '../shared/wording.js';

/** Who is editing: a tenant user (their overrides) or a platform admin (system prompts). */
export interface PromptActor {
  scope: string;
  actorId: string;
  actorName: string;
}

const isPlatform = (actor: PromptActor) => actor.scope === PLATFORM_SCOPE;

const toView = (p: Prompt): PromptView => ({
  promptId: p.promptId,
  scope: p.scope === PLATFORM_SCOPE ? 'system' : 'tenant',
  category: p.category,
  name: p.name,
  systemTemplate: p.systemTemplate,
  userTemplate: p.userTemplate,
  model: p.model,
  temperature: p.temperature,
  version: p.version,
  updatedAt: p.updatedAt,
  updatedBy: p.updatedBy,
});

const defaultView = (category: PromptCategory): PromptView => {
  const d = builtInDefault(category);
  return { ...d, scope: 'default', promptId: null, version: null, updatedAt: null, updatedBy: null };
};

const toVersionView = ({ scope: _s, promptId: _p, category: _c, ...v }: PromptVersion): PromptVersionView => v;

/** Refuses templates that use variables the category does not declare (400 naming the template). */
export function checkVariables(
  category: PromptCategory,
  templates: { systemTemplate: string; userTemplate: string },
): void {
  const declared = Object.keys(CATEGORIES[category].variables);
  const errors: FieldError[] = [];
  for (const field of ['systemTemplate', 'userTemplate'] as const) {
    const unknown = variablesIn(templates[field]).filter((v) => !declared.includes(v));
    if (unknown.length > 0) {
      errors.push({
        path: field,
        message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; available: ${declared.join(', ')}`,
      });
    }
  }
  if (errors.length > 0) throw new ValidationError('A template uses variables this category does not provide', errors);
}

/** Every category with the prompt in effect, the tenant's override and the system prompt. */
export async function listPromptCategories(
  actor: PromptActor,
  deps: Deps,
): Promise<{ items: PromptCategoryView[]; cursor: null }> {
  const scopes = isPlatform(actor) ? [PLATFORM_SCOPE] : [actor.scope, PLATFORM_SCOPE];
  // Each scope read on its own: system prompts through the platform read path, since the tenant's
  // credentials cannot reach them (and one batch may not mix the two).
  const perScope = await Promise.all(
    scopes.map((scope) =>
      readScope(scope, async () => {
        const { data: slots } = await deps.db.entities.promptSlot.query.byScope({ scope }).go({ pages: 'all' });
        const ids = slots.map((s) => ({ scope, promptId: s.promptId }));
        const heads = ids.length > 0 ? (await deps.db.entities.prompt.get(ids).go()).data : [];
        return { slots, heads };
      }),
    ),
  );
  const slots = perScope.flatMap((r) => r.slots);
  const heads = perScope.flatMap((r) => r.heads);
  const headOf = (scope: string, category: PromptCategory) => {
    const slot = slots.find((s) => s.scope === scope && s.category === category);
    const head = slot && heads.find((h) => h.scope === scope && h.promptId === slot.promptId);
    return head ? toView(head) : null;
  };
  const items = PROMPT_CATEGORIES.map((category): PromptCategoryView => {
    const override = isPlatform(actor) ? null : headOf(actor.scope, category);
    const system = headOf(PLATFORM_SCOPE, category);
    const def = CATEGORIES[category];
    return {
      category,
      label: def.label,
      description: def.description,
      variables: Object.entries(def.variables).map(([name, description]) => ({ name, description })),
      active: override ?? system ?? defaultView(category),
      override,
      system,
    };
  });
  return { items, cursor: null };
}

/** Loads a prompt the actor may see: its own scope, or (tenants) a system prompt, read-only. */
async function findPrompt(actor: PromptActor, promptId: string, deps: Deps): Promise<Prompt> {
  const scopes = isPlatform(actor) ? [PLATFORM_SCOPE] : [actor.scope, PLATFORM_SCOPE];
  const found = (
    await Promise.all(
      scopes.map((scope) => readScope(scope, () => deps.db.entities.prompt.get({ scope, promptId }).go())),
    )
  )
    .map((r) => r.data)
    .find(Boolean);
  if (!found) throw new NotFoundError('Prompt');
  return found;
}

async function findEditable(actor: PromptActor, promptId: string, deps: Deps): Promise<Prompt> {
  const prompt = await findPrompt(actor, promptId, deps);
  if (prompt.scope !== actor.scope) {
    throw new ForbiddenError(
      'System prompts are edited in the admin console; create an override for your workspace instead',
    );
  }
  return prompt;
}

/** One prompt (tenants also see system prompts, read-only). */
export async function getPrompt(actor: PromptActor, promptId: string, deps: Deps): Promise<PromptView> {
  return toView(await findPrompt(actor, promptId, deps));
}

/** Creates the scope's prompt for a category (version 1); one per category, 409 for a second. */
export async function createPrompt(actor: PromptActor, input: CreatePromptInput, deps: Deps): Promise<PromptView> {
  checkVariables(input.category, input);
  const now = deps.now();
  const { note, ...content } = input;
  const head: Prompt = {
    ...content,
    scope: actor.scope,
    promptId: deps.newId(),
    version: 1,
    createdAt: now,
    createdBy: actor.actorId,
    updatedAt: now,
    updatedBy: actor.actorId,
  };
  const first: PromptVersion = { ...versionOf(head, actor, now), note: note ?? 'Created' };
  await writeVersioned(deps.db, {
    entity: 'prompt',
    op: 'create',
    item: head,
    also: ({ promptSlot, promptVersion }) => [
      // The slot claim is what refuses a second prompt for the category.
      promptSlot.create({ scope: actor.scope, category: input.category, promptId: head.promptId }).commit(),
      promptVersion.create(first).commit(),
    ],
    conflict: () =>
      new ConflictError(
        `There is already ${withArticle(CATEGORIES[input.category].label.toLowerCase())} prompt here; edit it instead`,
        [{ path: 'category', message: 'Already has a prompt' }],
      ),
  });
  invalidatePrompts(actor.scope);
  return toView(head);
}

function versionOf(head: Prompt, actor: PromptActor, now: string): PromptVersion {
  return {
    scope: head.scope,
    promptId: head.promptId,
    version: head.version,
    category: head.category,
    name: head.name,
    systemTemplate: head.systemTemplate,
    userTemplate: head.userTemplate,
    model: head.model,
    temperature: head.temperature,
    createdAt: now,
    createdBy: actor.actorId,
    createdByName: actor.actorName,
  };
}

/** Writes `next` as the new head and appends it as a version, if the head is still at the version before it. */
async function commitVersion(actor: PromptActor, next: Prompt, extra: Partial<PromptVersion>, deps: Deps) {
  await writeVersioned(deps.db, {
    entity: 'prompt',
    op: 'update',
    item: next,
    also: ({ promptVersion }) => [
      promptVersion.create({ ...versionOf(next, actor, next.updatedAt), ...extra }).commit(),
    ],
  });
  invalidatePrompts(actor.scope);
}

/** Saves edits as a new version (optimistic concurrency on the version). */
export async function updatePrompt(
  actor: PromptActor,
  promptId: string,
  input: UpdatePromptInput,
  expectedVersion: number,
  deps: Deps,
): Promise<PromptView> {
  const current = await findEditable(actor, promptId, deps);
  if (current.version !== expectedVersion) throw staleVersion();
  checkVariables(current.category, input);
  const { note, version: _v, ...content } = input;
  const next: Prompt = {
    ...current,
    ...content,
    version: current.version + 1,
    updatedAt: deps.now(),
    updatedBy: actor.actorId,
  };
  await commitVersion(actor, next, note ? { note } : {}, deps);
  return toView(next);
}

/**
 * Stops using a prompt: the tenant falls back to the system prompt (or the platform to the
 * built-in default). Its versions are kept, as every run records the version it used.
 */
export async function removePrompt(actor: PromptActor, promptId: string, deps: Deps): Promise<void> {
  const current = await findEditable(actor, promptId, deps);
  const result = await deps.db.transaction
    .write(({ promptSlot, prompt }) => [
      promptSlot
        .delete({ scope: actor.scope, category: current.category })
        .where((attr, op) => op.eq(attr.promptId, promptId))
        .commit(),
      prompt.delete({ scope: actor.scope, promptId }).commit(),
    ])
    .go();
  assertCommitted(
    result,
    () => new ConflictError('This prompt changed while it was being removed; reload and try again'),
  );
  invalidatePrompts(actor.scope);
}

/** A prompt's versions, newest first. */
export async function listPromptVersions(
  actor: PromptActor,
  promptId: string,
  page: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<PromptVersionView>> {
  const prompt = await findPrompt(actor, promptId, deps);
  const versions = deps.db.entities.promptVersion.query.byPrompt({ scope: prompt.scope, promptId });
  const result = await readScope(prompt.scope, () =>
    versions.go({ order: 'desc', count: page.limit, cursor: checkCursor(page.cursor, versions) }),
  );
  return mapPage(result, toVersionView);
}

/** Restores an earlier version's content as a new version; history is never rewritten. */
export async function rollbackPrompt(
  actor: PromptActor,
  promptId: string,
  input: { version: number; note?: string },
  deps: Deps,
): Promise<PromptView> {
  const current = await findEditable(actor, promptId, deps);
  const { data: target } = await deps.db.entities.promptVersion
    .get({ scope: actor.scope, promptId, version: input.version })
    .go();
  if (!target)
    throw new ValidationError('There is no such version', [
      { path: 'version', message: `Version ${input.version} does not exist` },
    ]);
  const next: Prompt = {
    ...current,
    name: target.name,
    systemTemplate: target.systemTemplate,
    userTemplate: target.userTemplate,
    model: target.model,
    temperature: target.temperature,
    version: current.version + 1,
    updatedAt: deps.now(),
    updatedBy: actor.actorId,
  };
  await commitVersion(
    actor,
    next,
    { restoredFrom: input.version, note: input.note ?? `Rolled back to version ${input.version}` },
    deps,
  );
  return toView(next);
}

/** The prompt content a test run uses: the saved prompt, or the unsaved draft being edited. */
export async function promptForTest(
  actor: PromptActor,
  promptId: string,
  draft: { systemTemplate: string; userTemplate: string; model: string; temperature: number } | undefined,
  deps: Deps,
): Promise<PromptView> {
  const prompt = toView(await findPrompt(actor, promptId, deps));
  if (!draft) return prompt;
  checkVariables(prompt.category, draft);
  return { ...prompt, ...draft };
}
