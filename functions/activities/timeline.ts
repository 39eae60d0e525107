import type { TenantContext } from '../shared/auth-context.js';
import type { TimelineEntry } from '../data/timeline-entry.js';

export interface Change {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** The fields that differ between two versions of a record, in the order given. */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes.push({ field, from, to });
  }
  return changes;
}

/** A timeline entry recording what `ctx` did to a company or something under it. */
export function timelineEntry(
  ctx: TenantContext,
  entry: Pick<TimelineEntry, 'companyId' | 'action' | 'subjectType' | 'subjectId' | 'subjectName'> & {
    changes?: Change[];
    detail?: Record<string, string>;
  },
  ids: { entryId: string; at: string },
): TimelineEntry {
  return {
    tenantId: ctx.tenantId,
    actorId: ctx.userId,
    actorName: ctx.name,
    ...ids,
    ...entry,
    changes: entry.changes ?? [],
  };
}
