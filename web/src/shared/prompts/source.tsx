import type { PromptView } from '../../../../functions/prompts/contract';
import { Badge, type BadgeTone } from '../ui';

/** "Your override v3", "System prompt v2" or "Built-in default". */
export function promptSourceLabel(prompt: Pick<PromptView, 'scope' | 'version'>): string {
  if (prompt.scope === 'tenant') return `Your override v${prompt.version ?? 1}`;
  if (prompt.scope === 'system') return `System prompt v${prompt.version ?? 1}`;
  return 'Built-in default';
}

const TONES: Record<PromptView['scope'], BadgeTone> = { tenant: 'accent', system: 'sky', default: 'neutral' };

/** Where a prompt comes from, as a badge. */
export function PromptSourceBadge({ prompt }: { prompt: Pick<PromptView, 'scope' | 'version'> }) {
  return <Badge tone={TONES[prompt.scope]}>{promptSourceLabel(prompt)}</Badge>;
}

/** The models the API's users pick most; any model name the provider knows is accepted. */
export const MODEL_SUGGESTIONS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'gpt-5-mini'] as const;

/** The categories whose test runs take free-text requirements ({{requirements}}). */
export const TAKES_REQUIREMENTS = ['quote_draft', 'email_copy'] as const;
