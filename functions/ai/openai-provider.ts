import { createHash } from 'node:crypto';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import {
  AiOutputInvalidError,
  AiRejectedError,
  AiUnavailableError,
  type AiAnswer,
  type AiProvider,
  type AiTask,
} from './provider.js';
import { MAX_OUTPUT_TOKENS } from './pricing.js';
import { CircuitBreaker, parseRetryAfter, realSleep, withRetry } from './resilience.js';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** e.g. a local fake's `http://127.0.0.1:PORT/v1`; the SDK default (api.openai.com) otherwise. */
  baseUrl?: string;
  /** Per attempt, not overall. */
  timeoutMs?: number;
  /** Total tries per generate() call, including the first. */
  maxAttempts?: number;
  /** Defaults to one shared per apiKey+baseUrl (see `breakerFor`). */
  breaker?: CircuitBreaker;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); for deterministic jitter in tests. */
  random?: () => number;
}

const DEFAULT_TIMEOUT_MS = 45_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A Retry-After longer than this is not worth holding a Lambda for; surface it instead. */
const MAX_RETRY_AFTER_MS = 20_000;
const BREAKER_THRESHOLD = 5;
const BREAKER_COOL_DOWN_MS = 30_000;

/**
 * Module scope so every invocation served by one Lambda container sees the same health record;
 * keyed by a hash so the raw key is not kept around as a map key.
 */
const breakers = new Map<string, CircuitBreaker>();

/** The shared breaker for this key and endpoint (created on first use). */
export function breakerFor(apiKey: string, baseUrl: string | undefined): CircuitBreaker {
  const id = createHash('sha256')
    .update(`${baseUrl ?? 'default'}\n${apiKey}`)
    .digest('hex');
  let breaker = breakers.get(id);
  if (!breaker) {
    breaker = new CircuitBreaker({
      failureThreshold: BREAKER_THRESHOLD,
      coolDownMs: BREAKER_COOL_DOWN_MS,
      name: 'OpenAI',
    });
    breakers.set(id, breaker);
  }
  return breaker;
}

/**
 * Reasoning models (o1/o3/o4-mini…, gpt-5 family) reject `temperature` with a 400
 * ("Unsupported parameter"), which would turn every call into an AiRejectedError; they sample at
 * their fixed default instead.
 */
export function acceptsTemperature(model: string): boolean {
  return !/^o\d/.test(model) && !model.startsWith('gpt-5');
}

/** 408/409 (request and lock timeouts), 429 and 5xx are worth another try, as are network failures and client timeouts. */
function isTransient(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true; // includes APIConnectionTimeoutError
  if (error instanceof APIError && typeof error.status === 'number') {
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  }
  return false;
}

/** `retry-after-ms` (OpenAI's precise variant) wins over the standard `retry-after`. */
function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const ms = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(error.headers.get('retry-after'));
}

/** Keys must never reach logs or users, even the API's own masked echo of one. */
function redact(message: string, apiKey: string): string {
  const withoutKey = apiKey ? message.split(apiKey).join('[redacted]') : message;
  return withoutKey.replace(/\bsk-[A-Za-z0-9*_\-.]{3,}/g, '[redacted]');
}

function apiMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' && body.message ? body.message : error.message;
}

function issuesOf(error: unknown): { path: string; message: string }[] | undefined {
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue: { path?: PropertyKey[]; message?: string }) => ({
    path: (issue.path ?? []).map(String).join('.'),
    message: issue.message ?? 'Invalid',
  }));
}

/** Turns whatever the SDK threw into one of the port's three errors. */
function toAiError(error: unknown, context: { apiKey: string; attempts: number; schemaName: string }): Error {
  if (error instanceof AiUnavailableError || error instanceof AiRejectedError || error instanceof AiOutputInvalidError)
    return error;
  if (isTransient(error)) {
    const retryAfter = retryAfterMsOf(error);
    const what =
      error instanceof APIError && error.status ? `${error.status} ${apiMessage(error)}` : (error as Error).message;
    return new AiUnavailableError(
      redact(`OpenAI unavailable after ${context.attempts} attempt(s): ${what}`, context.apiKey),
      retryAfter === undefined ? undefined : Math.max(1, Math.ceil(retryAfter / 1000)),
    );
  }
  if (error instanceof APIError) {
    return new AiRejectedError(
      redact(`OpenAI rejected the request (${error.status ?? 'no status'}): ${apiMessage(error)}`, context.apiKey),
      error.status,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The AiProvider for OpenAI's Responses API with structured outputs (`zodTextFormat`). */
export function createOpenAiProvider(options: OpenAiProviderOptions): AiProvider {
  const { apiKey, baseUrl } = options;
  // maxRetries 0: the SDK's own retries are invisible to us and to tests, and would multiply
  // with ours; withRetry below does the backoff so it can honour our breaker and sleep.
  const client = new OpenAI({
    apiKey,
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 0,
  });
  const breaker = options.breaker ?? breakerFor(apiKey, baseUrl);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

  async function generate<T>(task: AiTask<T>): Promise<AiAnswer<T>> {
    let format;
    try {
      format = zodTextFormat(task.schema, task.schemaName);
    } catch (error) {
      // e.g. `.optional()` without `.nullable()`: strict mode cannot express it, so no call can succeed.
      throw new AiRejectedError(
        `Schema ${task.schemaName} cannot be used for OpenAI structured output: ${(error as Error).message}`,
      );
    }
    let attempts = 0;
    try {
      const response = await withRetry(
        (attempt) => {
          attempts = attempt;
          return breaker.run(
            () =>
              client.responses.create({
                model: task.model,
                instructions: task.instructions,
                input: task.input,
                ...(acceptsTemperature(task.model) ? { temperature: task.temperature } : {}),
                // Bounds the cost the budget reserved for this call.
                max_output_tokens: MAX_OUTPUT_TOKENS,
                text: { format },
              }),
            isTransient,
          );
        },
        {
          maxAttempts,
          baseDelayMs: BASE_DELAY_MS,
          maxDelayMs: MAX_DELAY_MS,
          maxRetryAfterMs: MAX_RETRY_AFTER_MS,
          sleep: options.sleep ?? realSleep,
          random: options.random,
          isRetryable: isTransient,
          retryAfterMs: retryAfterMsOf,
        },
      );

      // The answer is parsed here rather than by the SDK's parse(), so the tokens billed for an
      // unusable answer are still known and counted against the tenant's budget.
      const usage = {
        inputTokens: response.usage?.input_tokens ?? 0,
        outputTokens: response.usage?.output_tokens ?? 0,
      };
      if (response.status === 'incomplete') {
        const reason = response.incomplete_details?.reason ?? 'unknown reason';
        throw new AiOutputInvalidError(`The model stopped before finishing its answer (${reason})`, [], usage);
      }
      if (response.status === 'failed') {
        throw new AiUnavailableError(`OpenAI failed to produce an answer: ${response.error?.message ?? 'no detail'}`);
      }
      for (const item of response.output) {
        if (item.type !== 'message') continue;
        for (const content of item.content) {
          if (content.type === 'refusal')
            throw new AiOutputInvalidError(`The model refused to answer: ${content.refusal}`, [], usage);
        }
      }
      if (!response.output_text)
        throw new AiOutputInvalidError(`The model returned no ${task.schemaName} output`, [], usage);
      let json: unknown;
      try {
        json = JSON.parse(response.output_text);
      } catch (error) {
        const message = (error as Error).message;
        throw new AiOutputInvalidError(
          `The model's answer is not valid JSON: ${message}`,
          [{ path: '', message }],
          usage,
        );
      }
      const parsed = task.schema.safeParse(json);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error)!;
        const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
        throw new AiOutputInvalidError(
          `The model's answer does not match ${task.schemaName}: ${detail}`,
          issues,
          usage,
        );
      }
      return { output: parsed.data, usage, provider: 'openai', model: task.model };
    } catch (error) {
      throw toAiError(error, { apiKey, attempts, schemaName: task.schemaName });
    }
  }

  return { name: 'openai', generate };
}
