import { ConflictError } from './errors.js';

/** 409 for an update based on an old version. */
export function staleVersion(current?: number): ConflictError {
  return new ConflictError(
    current === undefined
      ? 'Someone else changed this record; reload and try again'
      : `Someone else changed this record (now version ${current}); reload and try again`,
    [{ path: 'version', message: 'Stale version' }],
  );
}

/** Drops keys whose value is null: PATCH uses null to clear an optional field. */
export function stripNulls<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as never;
}
