import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { TIMELINE_ACTIONS, TIMELINE_SUBJECTS } from '../shared/enums.js';

/** One change to a company or something under it (a contact, an activity): who, when, what changed. */
export const TimelineEntryEntity = new Entity(
  {
    model: { entity: 'timelineEntry', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      entryId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true },
      actorId: { type: 'string', required: true },
      actorName: { type: 'string', required: true },
      /**
       * `merged`: the subject (another record) was merged into this company or one of its contacts;
       * `merged_into`: the subject was merged into another record (the source's last entry);
       * `unmerged` / `restored`: that merge undone, on the target and the source.
       */
      action: { type: TIMELINE_ACTIONS, required: true },
      subjectType: { type: TIMELINE_SUBJECTS, required: true },
      subjectId: { type: 'string', required: true },
      subjectName: { type: 'string', required: true },
      /**
       * Facts about the subject that make the entry readable on its own, once the subject has
       * changed or gone (an activity's type and contact name, a deal's stages): string to string.
       */
      detail: { type: 'any' },
      changes: {
        type: 'list',
        items: {
          type: 'map',
          properties: { field: { type: 'string', required: true }, from: { type: 'any' }, to: { type: 'any' } },
        },
      },
      /** The merge an entry records, so the timeline can offer its undo. */
      mergeId: { type: 'string' },
      /** What a merge moved, by kind: "12 activities". */
      moved: {
        type: 'list',
        items: {
          type: 'map',
          properties: { label: { type: 'string', required: true }, count: { type: 'number', required: true } },
        },
      },
    },
    indexes: {
      /** A company's history; entry ids are ULIDs, so they sort by time. */
      byCompany: {
        pk: { field: 'pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'sk', composite: ['entryId'] },
      },
    },
  },
  entityConfig,
);
export type TimelineEntry = EntityItem<typeof TimelineEntryEntity>;
