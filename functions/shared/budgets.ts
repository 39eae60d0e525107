/**
 * Time budgets shared by the code that spends them and the manifest that sizes the functions
 * (lib/manifest.ts writes each function's sum next to its timeout; test/infra checks them).
 */

/** API Gateway ends an HTTP API integration at 30 s: every API function stops before that. */
export const API_TIMEOUT_SECONDS = 29;

/**
 * The adapter answers 503 with Retry-After this long before the Lambda's own deadline, so the
 * client gets a problem it can retry rather than API Gateway's bare 504.
 */
export const API_DEADLINE_MARGIN_MS = 1_000;

/**
 * Companies House per request. Interactive (an API route is waiting): a short timeout and no
 * waiting out a rate limit. Background (an analysis step): a longer timeout, and one retry after
 * a Retry-After it can afford.
 */
export const COMPANIES_HOUSE_LIMITS = {
  // A Retry-After of a second is still waited out (once); a longer one answers 429 at once.
  interactive: { timeoutMs: 3_000, maxWaitMs: 1_000 },
  background: { timeoutMs: 10_000, maxWaitMs: 20_000 },
} as const;

/** The longest a prompt test run may take in all, answering under API Gateway's 30 s. */
export const PROMPT_TEST_BUDGET_MS = 26_000;

/** The longest an AI quote draft may take in all (POST /v1/quotes/draft), as a prompt test run. */
export const QUOTE_DRAFT_BUDGET_MS = PROMPT_TEST_BUDGET_MS;

/**
 * How long one OpenAI call may take. Workflow steps and bulk runs get 3 × 30 s (plus backoff);
 * a test run answers an HTTP request, so it gets one try, cut off by its own deadline too.
 */
export const CALL_LIMITS = {
  step: { timeoutMs: 30_000, maxAttempts: 3 },
  interactive: { timeoutMs: 25_000, maxAttempts: 1 },
} as const;
