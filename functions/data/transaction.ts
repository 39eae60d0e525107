/** The shape ElectroDB gives a finished `transaction.write(...).go()`. */
interface TransactionResult {
  canceled: boolean;
  data: { rejected: boolean; code: string; message?: string }[];
}

/**
 * ElectroDB reports a cancelled transaction in its result rather than throwing. This throws
 * `onConditionFailed(index)` for the first item whose condition failed, or the raw reason.
 */
export function assertCommitted(result: TransactionResult, onConditionFailed: (index: number) => Error): void {
  if (!result.canceled) return;
  const index = result.data.findIndex((item) => item.code === 'ConditionalCheckFailed');
  if (index >= 0) throw onConditionFailed(index);
  const reason = result.data.find((item) => item.rejected);
  throw new Error(`Transaction cancelled: ${reason?.code ?? 'unknown'} ${reason?.message ?? ''}`);
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
