import type { PromptContent } from '../ai/runner.js';
import { variablesIn } from './render.js';
import type { ResolvedPrompt } from './resolver.js';

/**
 * A quote_draft prompt with the catalog and the tiers asked for in its input even when an
 * override written before they existed leaves them out: a draft the model cannot tie to the
 * catalog is all custom lines. The draft route and a prompt test run render the same input.
 */
export function quoteDraftPrompt(
  prompt: Pick<ResolvedPrompt, 'systemTemplate' | 'userTemplate' | 'model' | 'temperature'>,
): PromptContent & { category: 'quote_draft' } {
  const used = variablesIn(`${prompt.systemTemplate}\n${prompt.userTemplate}`);
  const missing = [
    ...(used.includes('tiers') ? [] : ['Offer: {{tiers}}']),
    ...(used.includes('catalog') ? [] : ['Catalog:\n{{catalog}}']),
  ];
  return {
    systemTemplate: prompt.systemTemplate,
    model: prompt.model,
    temperature: prompt.temperature,
    category: 'quote_draft',
    userTemplate: [prompt.userTemplate, ...missing].join('\n\n'),
  };
}
