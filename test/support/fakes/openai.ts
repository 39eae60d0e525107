import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancellableDelays, readBody, sendJson as sendPlainJson } from './http.js';

/**
 * A local stand-in for the OpenAI Responses API (`POST /v1/responses`) that speaks the real wire
 * format, so the official SDK runs unmodified against it. With nothing scripted it answers with a
 * valid instance of the requested JSON schema; scripted behaviours are one-shot and consumed in
 * order, one per /v1/responses request.
 *
 * Control in-process through the returned object, or over HTTP from another process (vitest
 * workers, when the global setup owns the server):
 *   POST /__fake/script   JSON array of FakeBehaviour (appended to the queue; `?key=` for one API key only)
 *   GET  /__fake/requests JSON array of RecordedRequest (`?key=` for one API key's)
 *   POST /__fake/reset    clears the queue and the recorded requests
 */

/** One scripted reply. Fields combine: `delayMs` waits first, then `status` (if any) or a 200. */
export interface FakeBehaviour {
  /** Error status to answer with (429, 500, 401, …), in OpenAI's `{ error: {...} }` shape. */
  status?: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /** Sent as the `retry-after-ms` header. */
  retryAfterMs?: number;
  /** Overrides the error message. */
  message?: string;
  /** Wait this long before answering (longer than the client timeout simulates a hang). */
  delayMs?: number;
  /** Raw assistant text, e.g. JSON that does not validate. */
  outputText?: string;
  /** An object to serialise as the assistant's answer. */
  output?: unknown;
  /** Answer with a refusal content item instead of text. */
  refusal?: string;
  /** Answer with status 'incomplete' for this reason. */
  incomplete?: 'max_output_tokens' | 'content_filter';
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased names, as Node gives them; includes `authorization`. */
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface FakeOpenAi {
  /** Base URL for the SDK's `baseURL`, ending in `/v1`. */
  url: string;
  port: number;
  script(...behaviours: FakeBehaviour[]): void;
  requests(): RecordedRequest[];
  reset(): void;
  stop(): Promise<void>;
}

type JsonSchema = Record<string, any>;

const newId = (prefix: string) => `${prefix}_${randomBytes(24).toString('hex')}`;

/** JSON with the headers OpenAI sends on every response. */
const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  sendPlainJson(res, status, body, { 'x-request-id': newId('req'), 'openai-processing-ms': '1', ...headers });

const ERROR_DEFAULTS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again later.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

function errorBody(status: number, message?: string, param: string | null = null) {
  const d = ERROR_DEFAULTS[status] ?? (status >= 500 ? ERROR_DEFAULTS[500]! : ERROR_DEFAULTS[400]!);
  return { error: { message: message ?? d.message, type: d.type, param, code: d.code } };
}

/** What the real API says about a malformed body; null when the request is acceptable. */
function validateRequest(body: any): { message: string; param: string } | null {
  if (!body || typeof body !== 'object')
    return { message: 'We could not parse the JSON body of your request.', param: '' };
  if (typeof body.model !== 'string' || !body.model)
    return { message: "Missing required parameter: 'model'.", param: 'model' };
  if (body.input === undefined) return { message: "Missing required parameter: 'input'.", param: 'input' };
  const format = body.text?.format;
  if (format !== undefined) {
    if (format.type === 'json_schema') {
      if (typeof format.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(format.name)) {
        return {
          message: "Invalid 'text.format.name': must match ^[a-zA-Z0-9_-]+$ (max 64 chars).",
          param: 'text.format.name',
        };
      }
      if (!format.schema || typeof format.schema !== 'object')
        return { message: "Missing required parameter: 'text.format.schema'.", param: 'text.format.schema' };
      if (format.strict === true && format.schema.type === 'object' && format.schema.additionalProperties !== false) {
        return {
          message: `Invalid schema for response_format '${format.name}': In context=(), 'additionalProperties' is required to be supplied and to be false.`,
          param: 'text.format.schema',
        };
      }
    } else if (format.type !== 'text' && format.type !== 'json_object') {
      return {
        message: `Invalid value: '${format.type}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
        param: 'text.format.type',
      };
    }
  }
  return null;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  // Only local refs (#/definitions/x, #/$defs/x) appear in SDK-generated schemas.
  const parts = ref
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: any = root;
  for (const p of parts) node = node?.[p];
  return (node as JsonSchema) ?? {};
}

function fitLength(value: string, schema: JsonSchema): string {
  let s = value;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  while (s.length < min) s += ' (more)';
  if (typeof schema.maxLength === 'number' && s.length > schema.maxLength) s = s.slice(0, schema.maxLength);
  return s;
}

function fakeString(schema: JsonSchema, name: string): string {
  switch (schema.format) {
    case 'date-time':
      return '2026-01-15T09:30:00Z';
    case 'date':
      return '2026-01-15';
    case 'time':
      return '09:30:00';
    case 'email':
      return 'fake.model@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/fake-model';
    case 'uuid':
      return '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    case 'hostname':
      return 'example.com';
    case 'ipv4':
      return '192.0.2.1';
  }
  const full = `From the fake model: ${name}`;
  // Short maxLengths get the bare property name rather than a truncated "From the f".
  const fits = typeof schema.maxLength !== 'number' || full.length <= schema.maxLength;
  return fitLength(fits ? full : name, schema);
}

function fakeNumber(schema: JsonSchema, integer: boolean): number {
  const lo =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : undefined;
  const hi =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : undefined;
  // The middle of a narrow range reads like a plausible score; wide ranges (zod's safe-integer
  // bounds on every z.int()) would give absurd midpoints, so use 42 clamped into them instead.
  const clamp = (v: number) => Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, v));
  let n = lo !== undefined && hi !== undefined && hi - lo <= 1_000 ? (lo + hi) / 2 : clamp(42);
  if (integer) n = lo !== undefined ? Math.max(Math.ceil(lo), Math.floor(n)) : Math.floor(n);
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    const m = schema.multipleOf;
    n = Math.ceil(n / m) * m;
    if (hi !== undefined && n > hi) n -= m;
  }
  return n;
}

/** Synthesises a value that validates against `schema` (the JSON Schema subset strict mode allows). */
export function synthesise(schema: JsonSchema, root: JsonSchema = schema, name = 'value', depth = 0): unknown {
  if (depth > 12) return null; // recursive schemas: stop somewhere sensible
  if (schema.$ref) return synthesise(resolveRef(root, schema.$ref), root, name, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length)
    return schema.enum.find((v: unknown) => v !== null) ?? schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length) {
    const pick = branches.find((b: JsonSchema) => b.type !== 'null') ?? branches[0];
    return synthesise(pick, root, name, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length)
    return synthesise(Object.assign({}, ...schema.allOf), root, name, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type.find((t: string) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object': {
      const props: Record<string, JsonSchema> = schema.properties ?? {};
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) out[key] = synthesise(sub, root, key, depth + 1);
      for (const key of schema.required ?? []) if (!(key in out)) out[key] = `From the fake model: ${key}`;
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
      const count = Math.min(max, Math.max(min, 2));
      if (Array.isArray(schema.items))
        return schema.items.map((s: JsonSchema, i: number) => synthesise(s, root, `${name}[${i}]`, depth + 1));
      const itemSchema: JsonSchema = schema.items ?? {};
      return Array.from({ length: count }, (_, i) => {
        const v = synthesise(itemSchema, root, `${name} ${i + 1}`, depth + 1);
        return v;
      });
    }
    case 'string':
      return fakeString(schema, name);
    case 'integer':
      return fakeNumber(schema, true);
    case 'number':
      return fakeNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return `From the fake model: ${name}`;
  }
}

const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function inputChars(body: any): number {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
  return text(body.instructions).length + text(body.input).length;
}

/** A complete Responses API `Response` object, field for field as the API returns it. */
function responseObject(body: any, content: Record<string, unknown>, outputChars: number, incomplete?: string) {
  const createdAt = Math.floor(Date.now() / 1000);
  const inputTokens = tokens(inputChars(body));
  const outputTokens = tokens(outputChars);
  return {
    id: newId('resp'),
    object: 'response',
    created_at: createdAt,
    status: incomplete ? 'incomplete' : 'completed',
    background: false,
    completed_at: incomplete ? null : createdAt,
    error: null,
    incomplete_details: incomplete ? { reason: incomplete } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: null,
    model: body.model,
    output: [
      {
        type: 'message',
        id: newId('msg'),
        status: incomplete ? 'incomplete' : 'completed',
        role: 'assistant',
        content: [content],
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: body.text?.format ?? { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
    user: null,
    metadata: body.metadata ?? {},
  };
}

/** Starts the fake on `port` (0, the default, picks a free one) bound to 127.0.0.1. */
export async function startFakeOpenAi(options: { port?: number } = {}): Promise<FakeOpenAi> {
  let queue: FakeBehaviour[] = [];
  let recorded: RecordedRequest[] = [];
  const { wait, cancelAll } = cancellableDelays();

  // Behaviours scripted for one API key are served only to requests with that key, so test files
  // running in parallel against the shared fake (each tenant with its own key) never take each other's.
  const keyed = new Map<string, FakeBehaviour[]>();
  const keyOf = (req: IncomingMessage) => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';

  async function answer(body: any, res: ServerResponse, key: string): Promise<void> {
    const behaviour = keyed.get(key)?.shift() ?? queue.shift() ?? {};
    if (behaviour.delayMs) await wait(behaviour.delayMs);
    if (behaviour.status && behaviour.status >= 400) {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
      if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      sendJson(res, behaviour.status, errorBody(behaviour.status, behaviour.message), headers);
      return;
    }
    const invalid = validateRequest(body);
    if (invalid) {
      sendJson(res, 400, errorBody(400, invalid.message, invalid.param));
      return;
    }
    if (behaviour.refusal !== undefined) {
      sendJson(
        res,
        200,
        responseObject(body, { type: 'refusal', refusal: behaviour.refusal }, behaviour.refusal.length),
      );
      return;
    }
    const format = body.text?.format;
    let text: string;
    if (behaviour.outputText !== undefined) text = behaviour.outputText;
    else if (behaviour.output !== undefined) text = JSON.stringify(behaviour.output);
    else if (format?.type === 'json_schema') text = JSON.stringify(synthesise(format.schema));
    else if (format?.type === 'json_object') text = JSON.stringify({ answer: 'From the fake model' });
    else text = 'From the fake model: a plain text answer.';
    if (behaviour.incomplete) text = text.slice(0, Math.floor(text.length / 2)); // cut off mid-answer, as max_output_tokens does
    sendJson(
      res,
      200,
      responseObject(
        body,
        { type: 'output_text', text, annotations: [], logprobs: [] },
        text.length,
        behaviour.incomplete,
      ),
    );
  }

  const server = createServer((req, res) => {
    void (async () => {
      const [path = '/', search = ''] = (req.url ?? '/').split('?');
      const forKey = new URLSearchParams(search).get('key');
      const raw = await readBody(req);
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      if (path === '/__fake/script' && req.method === 'POST') {
        const list = (Array.isArray(body) ? body : body ? [body] : []) as FakeBehaviour[];
        const target = forKey ? (keyed.get(forKey) ?? keyed.set(forKey, []).get(forKey)!) : queue;
        target.push(...list);
        return sendJson(res, 200, { queued: target.length });
      }
      if (path === '/__fake/requests' && req.method === 'GET') {
        return sendJson(
          res,
          200,
          forKey ? recorded.filter((r) => r.headers.authorization === `Bearer ${forKey}`) : recorded,
        );
      }
      if (path === '/__fake/reset' && req.method === 'POST') {
        queue = [];
        recorded = [];
        keyed.clear();
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/v1/responses' && req.method === 'POST') {
        recorded.push({ method: req.method, path, headers: { ...req.headers }, body });
        if (raw && body === undefined)
          return sendJson(res, 400, errorBody(400, 'We could not parse the JSON body of your request.'));
        return answer(body, res, keyOf(req));
      }
      sendJson(res, 404, errorBody(404, `Invalid URL (${req.method} ${path})`));
    })().catch((error: unknown) => sendJson(res, 500, errorBody(500, `Fake OpenAI failed: ${String(error)}`)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    script: (...behaviours) => void queue.push(...behaviours),
    requests: () => structuredClone(recorded),
    reset: () => {
      queue = [];
      recorded = [];
      keyed.clear();
    },
    stop: async () => {
      cancelAll();
      server.closeAllConnections(); // hung (delayMs) requests would otherwise hold close() open
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
