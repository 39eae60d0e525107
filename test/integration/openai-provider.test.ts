import * as z from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CompanyFacts } from '../../functions/ai/facts.js';
import { createOpenAiProvider, type OpenAiProviderOptions } from '../../functions/ai/openai-provider.js';
import { AiOutputInvalidError, AiRejectedError, AiUnavailableError, type AiTask } from '../../functions/ai/provider.js';
import { CircuitBreaker } from '../../functions/ai/resilience.js';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fakes/openai.js';

const LeadScore = z.object({
  score: z.int().min(0).max(100),
  tier: z.enum(['hot', 'warm', 'cold']),
  reasons: z.array(z.string().min(3)).min(1).max(4),
  nextStep: z.object({ action: z.string(), dueInDays: z.int().min(1).max(30) }),
  risk: z.string().nullable(),
});
type LeadScore = z.infer<typeof LeadScore>;

const facts: CompanyFacts = {
  asOf: '2026-03-01T00:00:00.000Z',
  company: {
    name: 'Acme Widgets Ltd',
    stage: 'lead',
    tags: [],
    knownFacts: [],
    locations: ['Leeds'],
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  contacts: [],
  activities: [],
};

function task(overrides: Partial<AiTask<LeadScore>> = {}): AiTask<LeadScore> {
  return {
    category: 'lead_scoring',
    instructions: 'You score B2B leads. Answer in the schema.',
    input: 'Company: Acme Widgets Ltd, Leeds. Stage: lead. No activities yet.',
    model: 'gpt-4o-mini',
    temperature: 0.2,
    schema: LeadScore,
    schemaName: 'lead_score',
    facts,
    ...overrides,
  };
}

const good: LeadScore = {
  score: 72,
  tier: 'warm',
  reasons: ['Growing headcount'],
  nextStep: { action: 'Call the MD', dueInDays: 3 },
  risk: null,
};

let fake: FakeOpenAi;
let sleeps: number[];
const sleep = async (ms: number) => void sleeps.push(ms);
let keyCounter = 0;

/** Fresh key and breaker per provider unless a test says otherwise, so tests cannot trip each other's circuit. */
function provider(options: Partial<OpenAiProviderOptions> = {}) {
  return createOpenAiProvider({
    apiKey: `sk-test-${++keyCounter}-abcdefghijklmnop`,
    baseUrl: fake.url,
    timeoutMs: 5_000,
    maxAttempts: 3,
    breaker: new CircuitBreaker({ failureThreshold: 100, coolDownMs: 60_000 }),
    sleep,
    random: () => 0.5,
    ...options,
  });
}

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => {
  fake.reset();
  sleeps = [];
});

describe('OpenAI provider against the fake Responses API', () => {
  it('returns schema-valid output and token usage, sending model, instructions, input and the strict JSON schema', async () => {
    const p = provider({ apiKey: 'sk-test-success-key-123456' });
    const answer = await p.generate(task());

    expect(p.name).toBe('openai');
    expect(LeadScore.parse(answer.output)).toEqual(answer.output);
    expect(answer.output.score).toBe(50); // the fake picks the middle of 0..100
    expect(answer.output.tier).toBe('hot');
    expect(answer.output.reasons[0]).toMatch(/^From the fake model: reasons/);
    expect(answer.provider).toBe('openai');
    expect(answer.model).toBe('gpt-4o-mini');
    const t = task();
    expect(answer.usage.inputTokens).toBe(Math.ceil((t.instructions.length + t.input.length) / 4));
    expect(answer.usage.outputTokens).toBe(Math.ceil(JSON.stringify(answer.output).length / 4));

    const [req, ...rest] = fake.requests();
    expect(rest).toEqual([]);
    expect(req!.path).toBe('/v1/responses');
    expect(req!.headers.authorization).toBe('Bearer sk-test-success-key-123456');
    expect(req!.body).toMatchObject({
      model: 'gpt-4o-mini',
      instructions: t.instructions,
      input: t.input,
      temperature: 0.2,
    });
    expect(req!.body.text.format).toMatchObject({ type: 'json_schema', name: 'lead_score', strict: true });
    expect(req!.body.text.format.schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['score', 'tier', 'reasons', 'nextStep', 'risk'],
      properties: { score: { type: 'integer', minimum: 0, maximum: 100 }, tier: { enum: ['hot', 'warm', 'cold'] } },
    });
    expect(sleeps).toEqual([]);
  });

  it('returns exactly what the model answered when it is valid', async () => {
    fake.script({ output: good });
    const answer = await provider().generate(task());
    expect(answer.output).toEqual(good);
  });

  it('omits temperature for reasoning models, which reject it', async () => {
    await provider().generate(task({ model: 'o4-mini' }));
    await provider().generate(task({ model: 'gpt-5-mini' }));
    const [o4, gpt5] = fake.requests();
    expect(o4!.body.model).toBe('o4-mini');
    expect(o4!.body).not.toHaveProperty('temperature');
    expect(gpt5!.body).not.toHaveProperty('temperature');
  });

  it('waits at least the Retry-After after a 429, then succeeds', async () => {
    fake.script({ status: 429, retryAfter: 2 }, { output: good });
    const answer = await provider().generate(task());
    expect(answer.output).toEqual(good);
    expect(fake.requests()).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
  });

  it('prefers the precise retry-after-ms header', async () => {
    fake.script({ status: 429, retryAfterMs: 1_234 }, { output: good });
    await provider().generate(task());
    expect(sleeps).toEqual([1_234]);
  });

  it('retries two 500s with growing jittered backoff, then succeeds', async () => {
    fake.script({ status: 500 }, { status: 500 }, { output: good });
    const answer = await provider().generate(task());
    expect(answer.output).toEqual(good);
    expect(fake.requests()).toHaveLength(3);
    // random() = 0.5 of the 500 ms and 1000 ms ceilings
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up with AiUnavailableError after the configured attempts, carrying the Retry-After', async () => {
    fake.script({ status: 429, retryAfter: 3 }, { status: 429, retryAfter: 3 });
    const error = await provider({ maxAttempts: 2 })
      .generate(task())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).retryAfterSeconds).toBe(3);
    expect((error as Error).message).toMatch(/after 2 attempt\(s\): 429 Rate limit/);
    expect(fake.requests()).toHaveLength(2);
  });

  it('treats a hung request as a timeout: AiUnavailableError after the configured attempts', async () => {
    fake.script({ delayMs: 2_000 }, { delayMs: 2_000 });
    const started = Date.now();
    const error = await provider({ timeoutMs: 300, maxAttempts: 2 })
      .generate(task())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as Error).message).toMatch(/after 2 attempt\(s\).*timed out/i);
    expect(fake.requests()).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    // Both attempts were cut at the client timeout, not at the fake's 2 s delay.
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('rejects an answer that fails the schema with AiOutputInvalidError naming the field, without retrying', async () => {
    fake.script({ outputText: JSON.stringify({ ...good, score: 500 }) });
    const error = await provider()
      .generate(task())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiOutputInvalidError);
    expect((error as AiOutputInvalidError).issues).toEqual([{ path: 'score', message: expect.stringMatching(/100/) }]);
    expect((error as Error).message).toMatch(/lead_score: score: /);
    expect(fake.requests()).toHaveLength(1);
  });

  it('rejects an answer that is not JSON, a refusal and a truncated answer with AiOutputInvalidError', async () => {
    fake.script(
      { outputText: '{"score": 7' },
      { refusal: "I can't help with that." },
      { incomplete: 'max_output_tokens' },
    );
    const p = provider();
    await expect(p.generate(task())).rejects.toThrow(/not valid JSON/);
    const refused = await p.generate(task()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AiOutputInvalidError);
    expect((refused as Error).message).toBe("The model refused to answer: I can't help with that.");
    const truncated = await p.generate(task()).catch((e: unknown) => e);
    expect((truncated as Error).message).toBe('The model stopped before finishing its answer (max_output_tokens)');
    // Billed all the same: the tokens travel with the error so the budget can count them.
    expect((truncated as AiOutputInvalidError).usage?.outputTokens).toBeGreaterThan(0);
    expect(fake.requests()).toHaveLength(3);
  });

  it('maps 401 to AiRejectedError with the API message, does not retry and never echoes the key', async () => {
    fake.script({
      status: 401,
      message:
        'Incorrect API key provided: sk-test-secret-987654. You can find your API key at https://platform.openai.com/account/api-keys.',
    });
    const error = await provider({ apiKey: 'sk-test-secret-987654' })
      .generate(task())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiRejectedError);
    expect((error as AiRejectedError).status).toBe(401);
    expect((error as Error).message).toMatch(/\(401\): Incorrect API key provided/);
    expect((error as Error).message).not.toContain('secret-987654');
    expect(fake.requests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('maps an unknown model (404) and a bad request (400) to AiRejectedError', async () => {
    fake.script({ status: 404 });
    await expect(provider().generate(task())).rejects.toMatchObject({ name: 'AiRejectedError', status: 404 });
    // The fake validates the body like the API: a schema name with spaces is a 400.
    await expect(provider().generate(task({ schemaName: 'lead score' }))).rejects.toMatchObject({
      name: 'AiRejectedError',
      status: 400,
      message: expect.stringMatching(/text\.format\.name/),
    });
  });

  it('refuses a schema strict mode cannot express before calling the API', async () => {
    const Loose = z.object({ note: z.string().optional() });
    const error = await provider()
      .generate({ ...task(), schema: Loose, schemaName: 'loose' } as unknown as AiTask<LeadScore>)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiRejectedError);
    expect(fake.requests()).toHaveLength(0);
  });

  it('opens the circuit after repeated failures, fails fast without reaching the server, and recovers after the cool-down', async () => {
    const clock = { t: 0 };
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 30_000, now: () => clock.t });
    const p = provider({ breaker, maxAttempts: 1 });
    fake.script({ status: 500 }, { status: 503 });
    await expect(p.generate(task())).rejects.toBeInstanceOf(AiUnavailableError);
    await expect(p.generate(task())).rejects.toBeInstanceOf(AiUnavailableError);
    expect(fake.requests()).toHaveLength(2);

    const fast = await p.generate(task()).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(AiUnavailableError);
    expect((fast as Error).message).toMatch(/circuit open/);
    expect((fast as AiUnavailableError).retryAfterSeconds).toBe(30);
    expect(fake.requests()).toHaveLength(2);

    clock.t += 30_000;
    fake.script({ output: good });
    await expect(p.generate(task())).resolves.toMatchObject({ output: good });
    expect(breaker.state).toBe('closed');
    expect(fake.requests()).toHaveLength(3);
  });

  it('does not count rejections or bad answers against the circuit', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 30_000 });
    const p = provider({ breaker, maxAttempts: 1 });
    fake.script({ status: 401 }, { outputText: 'nope' });
    await expect(p.generate(task())).rejects.toBeInstanceOf(AiRejectedError);
    await expect(p.generate(task())).rejects.toBeInstanceOf(AiOutputInvalidError);
    expect(breaker.state).toBe('closed');
  });

  it('shares one circuit per key and endpoint across provider instances (one Lambda container)', async () => {
    const apiKey = `sk-test-shared-${Date.now()}`;
    const shared = () => provider({ apiKey, breaker: undefined, maxAttempts: 5 });
    // Default threshold is 5 consecutive failures.
    fake.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await expect(shared().generate(task())).rejects.toBeInstanceOf(AiUnavailableError);
    expect(fake.requests()).toHaveLength(5);

    await expect(shared().generate(task())).rejects.toThrow(/circuit open/);
    expect(fake.requests()).toHaveLength(5);

    // Another key is another circuit.
    await expect(provider({ breaker: undefined }).generate(task())).resolves.toMatchObject({ provider: 'openai' });
    expect(fake.requests()).toHaveLength(6);
  });
});

describe('fake OpenAI HTTP control (for other processes)', () => {
  const origin = () => fake.url.replace(/\/v1$/, '');

  it('scripts behaviours, lists requests and resets over HTTP', async () => {
    const scripted = await fetch(`${origin()}/__fake/script`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ status: 401 }, { output: good }]),
    });
    expect(scripted.status).toBe(200);
    expect(await scripted.json()).toEqual({ queued: 2 });

    const p = provider({ apiKey: 'sk-test-http-control-1' });
    await expect(p.generate(task())).rejects.toBeInstanceOf(AiRejectedError);
    await expect(p.generate(task())).resolves.toMatchObject({ output: good });

    const listed = (await (await fetch(`${origin()}/__fake/requests`)).json()) as {
      path: string;
      headers: Record<string, string>;
      body: { model: string };
    }[];
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({
      path: '/v1/responses',
      headers: { authorization: 'Bearer sk-test-http-control-1' },
      body: { model: 'gpt-4o-mini' },
    });

    expect((await fetch(`${origin()}/__fake/reset`, { method: 'POST' })).status).toBe(200);
    expect(await (await fetch(`${origin()}/__fake/requests`)).json()).toEqual([]);
    expect(fake.requests()).toEqual([]);
  });
});
