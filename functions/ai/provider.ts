import type * as z from 'zod';
import type { CompanyFacts } from './facts.js';
import type { AiProviderName, PromptCategory } from '../shared/enums.js';

/** Who answered: OpenAI or the offline rules. */
export type ProviderName = AiProviderName;

export interface AiUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One structured-output request: a rendered prompt plus the facts it was rendered from. */
export interface AiTask<T> {
  category: PromptCategory;
  /** System/developer instructions (the rendered system template). */
  instructions: string;
  /** The rendered user template. */
  input: string;
  model: string;
  temperature: number;
  /** The answer must validate against this; `schemaName` names it for the model. */
  schema: z.ZodType<T>;
  schemaName: string;
  /** The data the prompt was rendered from; the offline provider reasons over it directly. */
  facts: CompanyFacts;
}

export interface AiAnswer<T> {
  output: T;
  usage: AiUsage;
  provider: ProviderName;
  model: string;
}

/** The AI port: every provider returns validated structured output and the tokens it used. */
export interface AiProvider {
  readonly name: ProviderName;
  generate<T>(task: AiTask<T>): Promise<AiAnswer<T>>;
}

/** The model answered, but not in the shape asked for; retrying the same prompt rarely helps. */
export class AiOutputInvalidError extends Error {
  override name = 'AiOutputInvalidError';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    /** Tokens the provider billed for the unusable answer. */
    readonly usage?: AiUsage,
  ) {
    super(message);
  }
}

/**
 * The provider could not be reached or kept failing (timeouts, 429s and 5xx after retries, an
 * open circuit). Worth retrying later; `retryAfterSeconds` says when when known.
 */
export class AiUnavailableError extends Error {
  override name = 'AiUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The provider refused the request for good (bad key, unknown model, 4xx other than 429). */
export class AiRejectedError extends Error {
  override name = 'AiRejectedError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
