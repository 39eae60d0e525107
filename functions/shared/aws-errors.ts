import { TransactionCancelledError } from '../data/transaction.js';
import { ConflictError, HttpError, ValidationError } from './errors.js';

/** Seconds a client should wait after a 503 from throttling: past the SDK's own retries. */
export const RETRY_AFTER_SECONDS = 2;

/** 503: a dependency is throttling or briefly unable to answer; the client should retry later. */
export class ServiceUnavailableError extends HttpError {
  constructor(detail = 'Quoteflow is busy; try again in a moment', retryAfterSeconds = RETRY_AFTER_SECONDS) {
    super(503, 'https://quoteflow.app/problems/unavailable', 'Temporarily unavailable', detail, undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

/** DynamoDB's and STS's names for "too many requests" (the SDK has already retried these). */
const THROTTLING = new Set([
  // STS, when a tenant's AssumeRole is throttled (functions/data/tenant-scope.ts).
  'Throttling',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
/** The same, as a TransactionCanceledException's cancellation reason codes. */
const THROTTLING_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** The AWS error inside whatever wrapped it (ElectroDB puts the SDK's error in `cause`). */
function* causes(error: unknown): Generator<{ name?: string; message?: string; code?: string }> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    yield current as { name?: string; message?: string; code?: string };
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * The problem an AWS failure means for the caller, or undefined when it is our own fault (a 500).
 * A DynamoDB ValidationException can only come from what the request carried once the adapter has
 * validated its shape (a key too long, a value DynamoDB refuses), so it is the client's 400;
 * throttling is a 503 with Retry-After; losing a transaction to a concurrent one is a 409.
 */
export function toProblem(error: unknown): HttpError | undefined {
  for (const e of causes(error)) {
    if (e instanceof HttpError) return e;
    if (e instanceof TransactionCancelledError) {
      if (e.code === 'TransactionConflict') return conflict();
      if (THROTTLING_REASONS.has(e.code)) return new ServiceUnavailableError();
      return undefined;
    }
    if (e.name && THROTTLING.has(e.name)) return new ServiceUnavailableError();
    if (e.name === 'TransactionConflictException') return conflict();
    if (e.name === 'TransactionCanceledException') {
      if (e.message?.includes('TransactionConflict')) return conflict();
      if ([...THROTTLING_REASONS].some((reason) => e.message?.includes(reason))) return new ServiceUnavailableError();
      return undefined;
    }
    if (e.name === 'ValidationException') {
      return new ValidationError('DynamoDB refused a value in this request', [
        { path: '', message: 'A value is not acceptable (too long, empty or of the wrong kind)' },
      ]);
    }
  }
  return undefined;
}

const conflict = () => new ConflictError('Another change to the same records happened at the same time; try again');
