import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * A one-time schedule of the local cloud's scheduler (functions/shared/scheduler.ts): what
 * EventBridge Scheduler holds in AWS. Written under the tenant's partition (tenant requests may
 * only write there); the poller in lib/local/scheduler.ts finds due ones across tenants by time.
 */
export const LocalScheduleEntity = new Entity(
  {
    model: { entity: 'localSchedule', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      scheduleId: { type: 'string', required: true, readOnly: true },
      /** Always `due`: the one partition of the due-time index. */
      lane: { type: ['due'] as const, required: true, default: 'due' },
      at: { type: 'string', required: true },
      /** The manifest function the schedule invokes with `payload`. */
      target: { type: 'string', required: true },
      payload: { type: 'any', required: true },
    },
    indexes: {
      /** One schedule by name. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['scheduleId'] } },
      /** Every tenant's schedules by due time: what the local poller reads (with the function's role). */
      byDue: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['lane'] },
        sk: { field: 'gsi1sk', composite: ['at', 'tenantId', 'scheduleId'] },
      },
    },
  },
  entityConfig,
);
export type LocalSchedule = EntityItem<typeof LocalScheduleEntity>;
