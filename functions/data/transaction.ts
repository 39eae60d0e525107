/** The shape ElectroDB gives a finished `transaction.write(...).go()`. */
interface TransactionResult {
  canceled: boolean;
  data: { rejected: boolean; code: string; message?: string }[];
}

/** A transaction cancelled for a reason other than a failed condition (a concurrent transaction, throttling). */
export class TransactionCancelledError extends Error {
  override name = 'TransactionCancelledError';
  constructor(
    readonly code: string,
    reason = '',
  ) {
    super(`Transaction cancelled: ${code} ${reason}`);
  }
}

/**
 * ElectroDB reports a cancelled transaction in its result rather than throwing. This throws
 * `onConditionFailed(index)` for the first item whose condition failed, else TransactionCancelledError.
 */
export function assertCommitted(result: TransactionResult, onConditionFailed: (index: number) => Error): void {
  if (!result.canceled) return;
  const index = result.data.findIndex((item) => item.code === 'ConditionalCheckFailed');
  if (index >= 0) throw onConditionFailed(index);
  const reason = result.data.find((item) => item.rejected);
  throw new TransactionCancelledError(reason?.code ?? 'unknown', reason?.message);
}

/** True for DynamoDB's conditional-check failure, however ElectroDB wraps it. */
export function isConditionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { name?: string; message?: string; cause?: unknown };
    if (e.name === 'ConditionalCheckFailedException' || e.message?.includes('conditional request failed')) return true;
    if (e.name === 'TransactionCanceledException' && e.message?.includes('ConditionalCheckFailed')) return true;
    current = e.cause;
  }
  return false;
}

/** DynamoDB's cap on the items of one TransactWriteItems. */
export const TRANSACTION_ITEMS = 100;

/**
 * Groups whose items fit one transaction each, a group's member never split across two: rows of
 * an import (or a benchmark's seed), each a record with its entry and tokens.
 */
export function packTransactions<T>(members: T[], size: (member: T) => number): T[][] {
  const groups: T[][] = [];
  let used = TRANSACTION_ITEMS;
  for (const member of members) {
    if (used + size(member) > TRANSACTION_ITEMS) {
      groups.push([]);
      used = 0;
    }
    groups.at(-1)!.push(member);
    used += size(member);
  }
  return groups;
}
