import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { sizing } from '../cloud/cloud-manifest.js';
import { functions, workflows, type FunctionName, type WorkflowId } from '../manifest.js';
import {
  invokeInProcess,
  LOCAL_ACCOUNT,
  localFunctionArn,
  type LambdaFunctionError,
  type LoadHandler,
} from './lambda-runtime.js';

/*
 * The local twin of Step Functions (Standard workflows whose Task states name Lambda function
 * ARNs directly), served over the real JSON protocol so `@aws-sdk/client-sfn` works against it
 * with AWS_ENDPOINT_URL_SFN. Executions run in this process with aws-local-stepfunctions; each
 * Task calls the real handler in-process (lambda-runtime.ts), shaped the way Lambda + Step
 * Functions shape it. It serves only the operations something calls: StartExecution (the analysis
 * service) and DescribeExecution, ListExecutions and DescribeStateMachine (the tests).
 *
 * What aws-local-stepfunctions 3.0.0 does (read from build/main.node.esm.js), and what we add:
 * - `overrides.taskResourceLocalHandlers` is keyed by Task STATE NAME, not by resource ARN; we
 *   map every Task state (nested Parallel/Map states too) to the handler its Resource ARN names.
 * - Retry/Catch match `ErrorEquals` against the thrown error's `name` (plus `States.ALL`, and
 *   `States.TaskFailed` for Task errors other than States.Timeout). `isRetryable`/`isCatchable`
 *   on the error default to true. So a handler throwing
 *   `class AiUnavailableError extends Error { name = 'AiUnavailableError' }` matches
 *   `ErrorEquals: ["AiUnavailableError"]`, exactly like Lambda's `errorType` does in AWS.
 * - The Catch output (`ResultPath`) is `{ Error: error.name, Cause: error.message }`, and a
 *   failed execution reports `error.name` / `error.message` too. A bare Error would therefore
 *   give Cause = its message; we rethrow handler errors as a `LambdaFunctionError` whose message
 *   is Lambda's JSON error document, so Cause is
 *   `{"errorType":"AiUnavailableError","errorMessage":"…","trace":["…"]}` as in AWS.
 * - JitterStrategy FULL waits a uniform random time in [0, IntervalSeconds × BackoffRate^n]
 *   (clamped by MaxDelaySeconds); defaults MaxAttempts 3, IntervalSeconds 1, BackoffRate 2.
 *   Attempt counters live per state entry, as in AWS.
 * - A Task without TimeoutSeconds times out after 60 s there (AWS: no state timeout, the
 *   function's own timeout applies). We give such Tasks a timeout above the function's timeout
 *   and enforce the function timeout ourselves (error `Sandbox.Timedout`, as AWS reports it).
 *   The handler itself cannot be killed in-process; its late result is ignored.
 * - It calls `Promise.withResolvers` (Node 22+), polyfilled below for Node 20.
 * - Task output over 256 KiB fails the execution with `States.DataLimitExceeded`, which Retry
 *   and Catch cannot handle (as in AWS).
 */

// aws-local-stepfunctions calls Promise.withResolvers (ES2024) when a Task runs.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= function withResolvers<T>() {
  let resolveFn!: (value: T | PromiseLike<T>) => void;
  let rejectFn!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolveFn = res;
    rejectFn = rej;
  });
  return { promise, resolve: resolveFn, reject: rejectFn };
};

/** Step Functions' limit on state input/output (and execution input). */
export const STATES_PAYLOAD_LIMIT = 256 * 1024;
const DEFAULT_MAX_EXECUTIONS = 1000;

export const localStateMachineArn = (region: string, id: string): string =>
  `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:quoteflow-${id}`;
const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** Step Functions' terminal data-limit error: neither Retry nor Catch handles it. */
class DataLimitExceededError extends Error {
  override name = 'States.DataLimitExceeded';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

type StatesRecord = StateMachineDefinition['States'];

/** Every Task state's name and resource, including those inside Parallel branches and Map processors. */
function taskStates(
  states: StatesRecord,
): { name: string; state: { Resource: string; TimeoutSeconds?: number; TimeoutSecondsPath?: string } }[] {
  const out: ReturnType<typeof taskStates> = [];
  for (const [name, state] of Object.entries(states)) {
    const s = state as unknown as Record<string, unknown>;
    if (s.Type === 'Task') out.push({ name, state: s as never });
    for (const branch of (s.Branches as { States: StatesRecord }[] | undefined) ?? [])
      out.push(...taskStates(branch.States));
    for (const key of ['Iterator', 'ItemProcessor'] as const) {
      const inner = s[key] as { States: StatesRecord } | undefined;
      if (inner) out.push(...taskStates(inner.States));
    }
  }
  return out;
}

/** An ASL definition as the stack deploys it: each `${fnName}` placeholder becomes that function's ARN. */
export function resolveDefinition(asl: string, region: string): StateMachineDefinition {
  const text = asl.replace(/\$\{([A-Za-z0-9_-]+)\}/g, (_, name: string) => {
    if (!(name in functions)) throw new Error(`ASL uses \${${name}}, which is not in manifest.functions`);
    return localFunctionArn(region, name);
  });
  return JSON.parse(text) as StateMachineDefinition;
}

/** The manifest's workflows, read from their ASL files. */
export function manifestStateMachines(root = resolve(import.meta.dirname, '../..')): StateMachineSource<WorkflowId>[] {
  return workflows.map((w) => ({ id: w.id, asl: readFileSync(join(root, w.definition), 'utf8') }));
}

export interface StateMachineSource<Id extends string = string> {
  id: Id;
  /** ASL JSON text whose Task resources are `${fnName}` placeholders (manifest function names). */
  asl: string;
}

interface CompiledMachine {
  id: string;
  arn: string;
  name: string;
  asl: string;
  machine: StateMachine;
  taskHandlers: Record<string, (input: unknown) => Promise<never>>;
  createdAt: number;
}

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  abort?: () => void;
}

export interface StepFunctionsOptions<Id extends string = WorkflowId> {
  port: number;
  region: string;
  loadHandler: LoadHandler;
  /** Defaults to manifest.workflows read from their ASL files; tests inject their own. */
  stateMachines?: readonly StateMachineSource<Id>[];
  /** Finished executions kept for Describe/List (oldest dropped first). Default 1000. */
  maxExecutions?: number;
  log?: (line: string) => void;
}

export interface LocalStepFunctions<Id extends string = WorkflowId> {
  url: string;
  stateMachineArns: Record<Id, string>;
  /** Resolves once no execution is running (checked again after each one ends). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Execution names: 1–80 characters, no whitespace, brackets, wildcards, punctuation Step Functions reserves, or control characters. */
const isValidName = (name: string) =>
  name.length >= 1 &&
  name.length <= 80 &&
  !/[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name) &&
  ![...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));
const toEpochSeconds = (ms: number) => ms / 1000;

/** Starts the Step Functions twin on `port` with the manifest's (or the given) state machines. */
export async function startStepFunctions<Id extends string = WorkflowId>(
  options: StepFunctionsOptions<Id>,
): Promise<LocalStepFunctions<Id>> {
  const { region } = options;
  const log = options.log ?? (() => undefined);
  const maxExecutions = options.maxExecutions ?? DEFAULT_MAX_EXECUTIONS;
  const sources = options.stateMachines ?? (manifestStateMachines() as unknown as StateMachineSource<Id>[]);

  const machines = new Map<string, CompiledMachine>();
  for (const source of sources) {
    const definition = resolveDefinition(source.asl, region);
    const arn = localStateMachineArn(region, source.id);
    const taskHandlers: CompiledMachine['taskHandlers'] = {};
    const arnPrefix = localFunctionArn(region, '');
    for (const { name, state } of taskStates(definition.States)) {
      if (!state.Resource.startsWith(arnPrefix)) {
        throw new Error(
          `State machine ${source.id}: Task ${name} must name a function as \${fnName}, not ${state.Resource}`,
        );
      }
      const fn = state.Resource.slice(arnPrefix.length) as FunctionName;
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = sizing(functions[fn]).timeoutSeconds + 60;
      }
      taskHandlers[name] = async (input) => {
        const result = await invokeInProcess({ fn, load: options.loadHandler, event: input, region }).catch(
          (error: LambdaFunctionError) => {
            log(`[sfn] quoteflow-${source.id} ${name}: ${error.errorType}: ${error.errorMessage}`);
            throw error;
          },
        );
        if (Buffer.byteLength(JSON.stringify(result)) > STATES_PAYLOAD_LIMIT) {
          throw new DataLimitExceededError(
            `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
          );
        }
        return result as never;
      };
    }
    // Validates the definition (asl-validator), so a broken ASL fails start-up as it fails deploys.
    const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
    machines.set(arn, {
      id: source.id,
      arn,
      name: `quoteflow-${source.id}`,
      asl: source.asl,
      machine,
      taskHandlers,
      createdAt: Date.now(),
    });
  }

  const executions = new Map<string, ExecutionRecord>();
  const running = new Set<Promise<void>>();

  const evict = () => {
    if (executions.size <= maxExecutions) return;
    for (const [arn, e] of executions) {
      if (executions.size <= maxExecutions) break;
      if (e.status !== 'RUNNING') executions.delete(arn);
    }
  };

  const machineOf = (arn: unknown) => {
    if (typeof arn !== 'string' || !arn) throw new ApiError('ValidationException', 'stateMachineArn is required');
    if (!arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const m = machines.get(arn);
    if (!m) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  };
  const executionOf = (arn: unknown) => {
    if (typeof arn !== 'string' || !arn) throw new ApiError('ValidationException', 'executionArn is required');
    if (!arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const e = executions.get(arn);
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return e;
  };

  const startExecution = (req: Record<string, unknown>) => {
    const m = machineOf(req.stateMachineArn);
    const name = req.name === undefined ? randomUUID() : req.name;
    if (typeof name !== 'string' || !isValidName(name))
      throw new ApiError('InvalidName', `Invalid Name: '${String(name)}'`);
    const input = req.input === undefined ? '{}' : req.input;
    if (typeof input !== 'string')
      throw new ApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: input must be a string');
    if (Buffer.byteLength(input) > STATES_PAYLOAD_LIMIT) {
      throw new ApiError(
        'ValidationException',
        `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${STATES_PAYLOAD_LIMIT}`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const executionArn = executionArnOf(m.arn, name);
    const existing = executions.get(executionArn);
    if (existing) {
      // Standard workflows: same name and input while running is idempotent; anything else is a clash.
      if (existing.status === 'RUNNING' && existing.input === input)
        return { executionArn, startDate: toEpochSeconds(existing.startDate) };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: m.arn,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now(),
    };
    executions.set(executionArn, record);
    evict();
    const run = m.machine.run(value as never, {
      overrides: { taskResourceLocalHandlers: m.taskHandlers },
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          RoleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/quoteflow-local-states`,
        },
        StateMachine: { Id: m.arn, Name: m.name },
      },
    });
    record.abort = run.abort;
    const finish = (status: ExecutionStatus, fields: Partial<ExecutionRecord>) => {
      if (record.status !== 'RUNNING') return;
      Object.assign(record, { status, stopDate: Date.now(), abort: undefined }, fields);
    };
    const done = run.result.then(
      (output) => finish('SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: Error) => {
        if (error.name === 'ExecutionAbortedError') return finish('ABORTED', {});
        if (error.name === 'ExecutionTimeoutError') return finish('TIMED_OUT', { error: 'States.Timeout' });
        const cause = error.cause instanceof Error ? error.cause : error;
        finish('FAILED', { error: cause.name, cause: cause.message });
        log(`[sfn] ${m.name} execution ${name} FAILED: ${cause.name}: ${cause.message}`);
      },
    );
    const tracked = done.finally(() => running.delete(tracked));
    running.add(tracked);
    return { executionArn, startDate: toEpochSeconds(record.startDate) };
  };

  const summaryOf = (e: ExecutionRecord) => ({
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: toEpochSeconds(e.startDate),
    ...(e.stopDate === undefined ? {} : { stopDate: toEpochSeconds(e.stopDate) }),
  });

  const describe = (e: ExecutionRecord) => ({
    ...summaryOf(e),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output === undefined ? {} : { output: e.output, outputDetails: { included: true } }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.cause === undefined ? {} : { cause: e.cause }),
  });

  const operations: Record<string, (req: Record<string, unknown>) => unknown> = {
    StartExecution: startExecution,
    DescribeExecution: (req) => describe(executionOf(req.executionArn)),
    ListExecutions: (req) => {
      const m = machineOf(req.stateMachineArn);
      const max = typeof req.maxResults === 'number' && req.maxResults > 0 ? Math.min(req.maxResults, 1000) : 100;
      const offset =
        typeof req.nextToken === 'string' ? Number(Buffer.from(req.nextToken, 'base64url').toString()) || 0 : 0;
      const all = [...executions.values()]
        .filter((e) => e.stateMachineArn === m.arn && (!req.statusFilter || e.status === req.statusFilter))
        .reverse();
      const page = all.slice(offset, offset + max);
      return {
        executions: page.map(summaryOf),
        ...(offset + max < all.length ? { nextToken: Buffer.from(String(offset + max)).toString('base64url') } : {}),
      };
    },
    DescribeStateMachine: (req) => {
      const m = machineOf(req.stateMachineArn);
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: JSON.stringify(resolveDefinition(m.asl, region)),
        roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/quoteflow-local-states`,
        type: 'STANDARD',
        creationDate: toEpochSeconds(m.createdAt),
      };
    },
  };

  const reply = (res: ServerResponse, status: number, body: unknown, errorType?: string) => {
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
    };
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
    try {
      if (req.method !== 'POST' || !Object.hasOwn(operations, op))
        throw new ApiError('UnknownOperationException', `Unknown operation ${target || req.method}`);
      let body: Record<string, unknown>;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new ApiError('SerializationException', 'Request body is not valid JSON');
      }
      reply(res, 200, operations[op]!(body));
    } catch (error) {
      if (error instanceof ApiError) return reply(res, 400, { __type: error.type, message: error.message }, error.type);
      log(`[sfn] ${op} failed: ${(error as Error).stack ?? String(error)}`);
      reply(res, 500, { __type: 'InternalFailure', message: (error as Error).message }, 'InternalFailure');
    }
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;

  const idle = async () => {
    while (running.size) await Promise.allSettled([...running]);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    stateMachineArns: Object.fromEntries([...machines.values()].map((m) => [m.id, m.arn])) as Record<Id, string>,
    idle,
    stop: async () => {
      for (const e of executions.values()) {
        if (e.status === 'RUNNING') {
          Object.assign(e, { status: 'ABORTED', stopDate: Date.now() });
          e.abort?.();
        }
      }
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
    },
  };
}
