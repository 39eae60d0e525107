import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { sizing } from '../cloud/cloud-manifest.js';
import { functions, type FunctionName } from '../manifest.js';

/*
 * The in-process Lambda runtime the local twins share: the API gateway builds contexts with it,
 * and the Step Functions and SQS twins invoke handlers through it the way Lambda would (JSON
 * copies in and out, the function's own timeout and deadline, Lambda's error shapes).
 */

/** The account id every local ARN carries. */
export const LOCAL_ACCOUNT = '000000000000';

/** Any Lambda handler; called with the event its trigger builds (`never` accepts every handler type). */
export type LocalHandler = (event: never, context: Context) => unknown;
export type LoadHandler = (fn: FunctionName) => Promise<LocalHandler>;

export const localFunctionArn = (region: string, fn: string): string =>
  `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:quoteflow-${fn}`;

/**
 * A handler failure as Lambda reports it to its caller: `name` is the `errorType` (what Retry and
 * Catch match), `message` is Lambda's JSON error document (what Step Functions shows as Cause).
 */
export class LambdaFunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  constructor(errorType: string, errorMessage: string, trace?: string[]) {
    super(JSON.stringify(trace ? { errorType, errorMessage, trace } : { errorType, errorMessage }));
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }
}

/** A Lambda context for `fn`; its deadline is the function's timeout (API functions' is at most 29 s). */
export function lambdaContext(fn: string, requestId: string): Context {
  const def = (functions as Record<string, (typeof functions)[FunctionName] | undefined>)[fn];
  const deadline = Date.now() + (def ? sizing(def).timeoutSeconds : 29) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `quoteflow-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:${LOCAL_ACCOUNT}:function:quoteflow-${fn}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/quoteflow-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What the Node.js Lambda runtime reports for a thrown value. */
export function lambdaErrorOf(error: unknown): LambdaFunctionError {
  if (error instanceof LambdaFunctionError) return error;
  if (error instanceof Error) {
    return new LambdaFunctionError(error.name || 'Error', error.message, error.stack?.split('\n'));
  }
  return new LambdaFunctionError(typeof error === 'string' ? 'string' : 'Error', String(error));
}

/**
 * Invokes a handler in-process as Lambda would: a JSON copy of the event, a context with the
 * function's own deadline, the function's timeout enforced, the result serialised to JSON.
 * Rejects with a LambdaFunctionError.
 */
export async function invokeInProcess(input: {
  fn: FunctionName;
  load: LoadHandler;
  event: unknown;
  region: string;
}): Promise<unknown> {
  const { fn, region } = input;
  const { timeoutSeconds } = sizing(functions[fn]);
  const requestId = randomUUID();
  let handler: LocalHandler;
  try {
    handler = await input.load(fn);
  } catch (error) {
    const e = lambdaErrorOf(error);
    throw new LambdaFunctionError('Runtime.ImportModuleError', `${e.errorType}: ${e.errorMessage}`);
  }
  const deadline = Date.now() + timeoutSeconds * 1000;
  const context: Context = {
    ...lambdaContext(fn, requestId),
    invokedFunctionArn: localFunctionArn(region, fn),
    memoryLimitInMB: String(sizing(functions[fn]).memoryMb),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const event = JSON.parse(JSON.stringify(input.event ?? null)) as never;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LambdaFunctionError(
            'Sandbox.Timedout',
            `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
          ),
        ),
      timeoutSeconds * 1000,
    );
  });
  let result: unknown;
  try {
    result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
  } catch (error) {
    throw lambdaErrorOf(error);
  } finally {
    clearTimeout(timer);
  }
  try {
    return JSON.parse(JSON.stringify(result ?? null)) as unknown;
  } catch (error) {
    throw new LambdaFunctionError('Runtime.MarshalError', `Unable to marshal response: ${(error as Error).message}`);
  }
}
