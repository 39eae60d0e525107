import { baseModel, type AiModel } from '../shared/enums.js';
import type { AiUsage } from './provider.js';

/**
 * US dollars per million tokens (input, output), from OpenAI's published list prices. A dollar
 * per million tokens is a micro-dollar per token, so cost in micro-dollars is tokens × price.
 * Prompts may only name these models, so a budget can never be fooled by an unpriced one.
 */
export const MODEL_PRICES: Record<AiModel, readonly [input: number, output: number]> = {
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-5-mini': [0.25, 2],
  'gpt-5': [1.25, 10],
  'o4-mini': [1.1, 4.4],
  o3: [2, 8],
};

/** Estimated cost of one call in micro-dollars (integer); an unknown model is priced like the dearest we know. */
export function costMicros(model: string, usage: AiUsage): number {
  const dearest = Object.values(MODEL_PRICES).reduce((a, b) => (b[0] + b[1] > a[0] + a[1] ? b : a));
  const [input, output] = MODEL_PRICES[baseModel(model) as AiModel] ?? dearest;
  return Math.round(usage.inputTokens * input + usage.outputTokens * output);
}

/**
 * The most output a call may produce (reasoning included): sent as `max_output_tokens`, so a
 * call's worst-case cost is known before it is made. Structured analyses run to a few hundred tokens.
 */
export const MAX_OUTPUT_TOKENS = 8_192;

/** Framing the API adds around instructions, input and schema (role markers and the like). */
const FRAMING_TOKENS = 256;

/**
 * A call's worst-case cost in micro-dollars, to reserve from the budget before it is sent. A
 * token is at least one byte of UTF-8, so bytes bound input tokens; output is capped by MAX_OUTPUT_TOKENS.
 */
export function worstCaseMicros(model: string, text: { instructions: string; input: string; schema: string }): number {
  const bytes = Buffer.byteLength(text.instructions) + Buffer.byteLength(text.input) + Buffer.byteLength(text.schema);
  return costMicros(model, { inputTokens: bytes + FRAMING_TOKENS, outputTokens: MAX_OUTPUT_TOKENS });
}
