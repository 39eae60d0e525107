import { Entity, type EntityItem } from 'electrodb';
import { PROMPT_CATEGORIES } from '../shared/enums.js';
import { SERVICE, entityConfig } from './client.js';

/** A prompt's content; every save and rollback writes a new version with these fields. */
const content = {
  category: { type: PROMPT_CATEGORIES, required: true, readOnly: true },
  name: { type: 'string', required: true },
  systemTemplate: { type: 'string', required: true },
  userTemplate: { type: 'string', required: true },
  model: { type: 'string', required: true },
  temperature: { type: 'number', required: true },
} as const;

/**
 * The current state of a prompt. `scope` is a tenant id (a tenant's override) or `platform`
 * (a system prompt); `version` is the latest version number and the If-Match version.
 */
export const PromptEntity = new Entity(
  {
    model: { entity: 'prompt', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      promptId: { type: 'string', required: true, readOnly: true },
      ...content,
      version: { type: 'number', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
    },
    indexes: {
      /** One prompt by id within its scope. */
      byId: { pk: { field: 'pk', composite: ['scope'] }, sk: { field: 'sk', composite: ['promptId'] } },
    },
  },
  entityConfig,
);
export type Prompt = EntityItem<typeof PromptEntity>;

/** One saved version of a prompt, kept forever for history, diff and rollback. */
export const PromptVersionEntity = new Entity(
  {
    model: { entity: 'promptVersion', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      promptId: { type: 'string', required: true, readOnly: true },
      version: { type: 'number', required: true, readOnly: true, padding: { length: 6, char: '0' } },
      ...content,
      note: { type: 'string' },
      restoredFrom: { type: 'number' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      createdByName: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      /** A prompt's versions, oldest first. */
      byPrompt: {
        pk: { field: 'pk', composite: ['scope', 'promptId'] },
        sk: { field: 'sk', composite: ['version'] },
      },
    },
  },
  entityConfig,
);
export type PromptVersion = EntityItem<typeof PromptVersionEntity>;

/** Which prompt a scope uses for a category: one per category, claimed in the creating transaction. */
export const PromptSlotEntity = new Entity(
  {
    model: { entity: 'promptSlot', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      category: { type: PROMPT_CATEGORIES, required: true, readOnly: true },
      promptId: { type: 'string', required: true },
    },
    indexes: {
      /** The slots of one scope by category. */
      byScope: { pk: { field: 'pk', composite: ['scope'] }, sk: { field: 'sk', composite: ['category'] } },
    },
  },
  entityConfig,
);
export type PromptSlot = EntityItem<typeof PromptSlotEntity>;
