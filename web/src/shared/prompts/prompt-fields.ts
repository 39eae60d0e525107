import { fieldMessage } from '../form';
import type * as z from 'zod';
import type { PromptView } from '../../../../functions/prompts/contract';
import { testPromptSchema, updatePromptSchema } from '../../../../functions/prompts/schema';
import { unknownVariablesMessage } from './variables';

/** The editor's fields as typed (temperature stays text until it is checked). */
export interface PromptFields {
  name: string;
  model: string;
  temperature: string;
  systemTemplate: string;
  userTemplate: string;
  note: string;
}

export type TemplateField = 'systemTemplate' | 'userTemplate';
export const TEMPLATE_KEYS: readonly TemplateField[] = ['systemTemplate', 'userTemplate'];

/** What a test run sends as `draft`: the unsaved edits. */
export type PromptDraft = NonNullable<z.input<typeof testPromptSchema>['draft']>;
const draftSchema = testPromptSchema.shape.draft.unwrap();

/** A prompt's content: what the read-only view shows and the editor starts from. */
export type PromptContent = Pick<PromptView, 'name' | 'model' | 'temperature' | 'systemTemplate' | 'userTemplate'>;

const LABELS: Record<keyof PromptFields, string> = {
  name: 'Name',
  model: 'Model',
  temperature: 'Temperature',
  systemTemplate: 'System template',
  userTemplate: 'User template',
  note: 'Note',
};

/** The editor's words where the schema's are zod's own ("Required", "expected number"). */
const OWN_WORDS: Record<keyof PromptFields, string> = {
  name: 'Give the prompt a name',
  model: 'Enter a model name, such as gpt-4.1-mini',
  temperature: 'Enter a number from 0 to 2',
  systemTemplate: 'Write the system template',
  userTemplate: 'Write the user template',
  note: 'Use at most 500 characters',
};

export const messageFor = (key: keyof PromptFields, error: { message?: string } | undefined) =>
  fieldMessage(error, OWN_WORDS[key]);

export const fieldsOf = (p: PromptContent): PromptFields => ({
  name: p.name,
  model: p.model,
  temperature: String(p.temperature),
  systemTemplate: p.systemTemplate,
  userTemplate: p.userTemplate,
  note: '',
});

/** "0.7" → 0.7; an empty field is not 0 but no number at all. */
const temperatureOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export const draftOf = (f: PromptFields): PromptDraft => ({
  systemTemplate: f.systemTemplate,
  userTemplate: f.userTemplate,
  model: f.model.trim(),
  temperature: temperatureOf(f.temperature),
});

/** The body of a save: a new version with its note. */
export const versionBodyOf = (f: PromptFields): z.input<typeof updatePromptSchema> => ({
  name: f.name.trim(),
  ...draftOf(f),
  ...(f.note.trim() ? { note: f.note.trim() } : {}),
});

/**
 * The API's rules for a new version, plus what the API refuses only once it renders the
 * templates: `{{variables}}` the category does not declare.
 */
export const promptFormSchema = (declared: readonly string[]) =>
  updatePromptSchema.superRefine((body, ctx) => {
    for (const key of TEMPLATE_KEYS) {
      const message = unknownVariablesMessage(body[key], declared);
      if (message) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  });

/** Why the draft cannot be test-run as it is ("User template: Unknown variable…"), if it cannot. */
export function draftProblem(f: PromptFields, declared: readonly string[]): string | undefined {
  const draft = draftOf(f);
  const issues = draftSchema.safeParse(draft).error?.issues ?? [];
  const problem = (key: keyof PromptDraft) =>
    messageFor(
      key,
      issues.find((i) => i.path[0] === key),
    ) ??
    (key === 'systemTemplate' || key === 'userTemplate' ? unknownVariablesMessage(draft[key], declared) : undefined);
  return (['systemTemplate', 'userTemplate', 'model', 'temperature'] as const)
    .map((key) => {
      const message = problem(key);
      return message && `${LABELS[key]}: ${message}`;
    })
    .find(Boolean);
}

/** The fields hold what is saved (the note aside): nothing to save. */
export const sameContent = (f: PromptFields, p: PromptContent) =>
  f.name.trim() === p.name &&
  f.model.trim() === p.model &&
  f.temperature.trim() !== '' &&
  Number(f.temperature) === p.temperature &&
  f.systemTemplate.trim() === p.systemTemplate.trim() &&
  f.userTemplate.trim() === p.userTemplate.trim();
