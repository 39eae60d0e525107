import { createHash } from 'node:crypto';
import type { Deps } from '../shared/deps.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The id a row's record (or timeline entry, or the entry of its company's stage move) gets: a ULID with the import's time and a random part
 * hashed from the import, the row and the purpose. The same row always gets the same ids, so a
 * redelivered chunk's conditional creates find their own earlier writes instead of writing twice.
 */
export function rowId(importId: string, row: number, purpose: 'record' | 'entry' | 'effect'): string {
  const digest = createHash('sha256').update(`${importId}\n${row}\n${purpose}`).digest();
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[digest[i]! % 32];
  return `${importId.slice(0, 10)}${random}`;
}

/** Deps whose next ids are the row's own, so the services' creates are conditional on this row alone. */
export const withIds = (deps: Deps, ids: string[]): Deps => {
  const queue = [...ids];
  return { ...deps, newId: () => queue.shift() ?? deps.newId() };
};
