import { db, type Db } from '../data/service.js';
import { newId } from './ids.js';

/** What domain services need from the outside world, injected so tests can pin time and ids. */
export interface Deps {
  db: Db;
  now: () => string;
  newId: () => string;
}

export const defaultDeps: Deps = { db, now: () => new Date().toISOString(), newId };
