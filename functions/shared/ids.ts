import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new ULID: sortable by creation time, opaque to clients. */
export const newId = (): string => next();
