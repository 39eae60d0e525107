import type { AiUsage } from './provider.js';

/**
 * US dollars per million tokens (input, output), from OpenAI's published list prices. A dollar
 * per million tokens is a micro-dollar per token, so cost in micro-dollars is tokens × price.
 */
const PRICES: [prefix: string, input: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
  ['gpt-5-nano', 0.05, 0.4],
  ['gpt-5-mini', 0.25, 2],
  ['gpt-5', 1.25, 10],
  ['o4-mini', 1.1, 4.4],
  ['o3', 2, 8],
];

/** Unknown models are priced like gpt-4.1 so a budget errs on the safe side. */
const FALLBACK: [number, number] = [2, 8];

/** Estimated cost of one call in micro-dollars (integer); offline runs cost nothing. */
export function costMicros(model: string, usage: AiUsage): number {
  const match = PRICES.find(([prefix]) => model.startsWith(prefix));
  const [input, output] = match ? [match[1], match[2]] : FALLBACK;
  return Math.round(usage.inputTokens * input + usage.outputTokens * output);
}
