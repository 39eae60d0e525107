import { createHash } from 'node:crypto';
import { optionalEnv } from '../../lib/manifest-runtime.js';
import type { Db } from '../data/service.js';
import { lazy } from './lazy.js';
import { traced } from './observability.js';

/** What a one-time schedule delivers to its target: the tenant it belongs to and anything else. */
export type SchedulePayload = { tenantId: string } & Record<string, unknown>;

/**
 * One-time schedules that invoke the reminder function at a given time. In AWS an EventBridge
 * Scheduler schedule per id; in the local cloud an item in the table that lib/local/scheduler.ts
 * polls. Both replace a schedule created again under the same id.
 */
export interface Scheduler {
  createOrUpdate(id: string, at: string, payload: SchedulePayload): Promise<void>;
  delete(id: string, tenantId: string): Promise<void>;
}

/** A schedule name EventBridge accepts (≤ 64 of [0-9A-Za-z-_.]) that is the same for the same parts. */
export const scheduleName = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

/** `2026-12-03T14:05:00.000Z` → `at(2026-12-03T14:05:00)`, the one-time expression (UTC). */
export const atExpression = (at: string): string => `at(${new Date(at).toISOString().slice(0, 19)})`;

const awsScheduler = lazy(async () => {
  const sdk = await import('@aws-sdk/client-scheduler');
  return { sdk, client: traced(new sdk.SchedulerClient({})) };
});

/** EventBridge Scheduler: a one-time schedule in the reminders group, deleted by the service once it has run. */
export function eventBridgeScheduler(settings: { group: string; roleArn: string; targetArn: string }): Scheduler {
  return {
    async createOrUpdate(id, at, payload) {
      const { sdk, client } = await awsScheduler();
      const input = {
        Name: id,
        GroupName: settings.group,
        ScheduleExpression: atExpression(at),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: sdk.FlexibleTimeWindowMode.OFF },
        ActionAfterCompletion: sdk.ActionAfterCompletion.DELETE,
        Target: {
          Arn: settings.targetArn,
          RoleArn: settings.roleArn,
          Input: JSON.stringify(payload),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        },
      };
      try {
        await client.send(new sdk.CreateScheduleCommand(input));
      } catch (error) {
        if (!(error instanceof sdk.ConflictException)) throw error;
        await client.send(new sdk.UpdateScheduleCommand(input));
      }
    },
    async delete(id) {
      const { sdk, client } = await awsScheduler();
      try {
        await client.send(new sdk.DeleteScheduleCommand({ Name: id, GroupName: settings.group }));
      } catch (error) {
        // Already run (and so deleted by the service) or never created: nothing left to cancel.
        if (!(error instanceof sdk.ResourceNotFoundException)) throw error;
      }
    },
  };
}

/** The local cloud's scheduler: schedules are table items the local poller fires when due. */
export function tableScheduler(db: Db, target: string): Scheduler {
  return {
    async createOrUpdate(id, at, payload) {
      await db.entities.localSchedule
        .put({ tenantId: payload.tenantId, scheduleId: id, lane: 'due', at, target, payload })
        .go();
    },
    async delete(id, tenantId) {
      await db.entities.localSchedule.delete({ tenantId, scheduleId: id }).go();
    },
  };
}

/** The reminders scheduler of this deployment: EventBridge Scheduler when the cloud configured it, else the table. */
export function reminderScheduler(db: Db): Scheduler {
  const group = process.env[optionalEnv.reminderScheduleGroup];
  const roleArn = process.env[optionalEnv.reminderScheduleRoleArn];
  const targetArn = process.env[optionalEnv.reminderTargetArn];
  if (group && roleArn && targetArn) return eventBridgeScheduler({ group, roleArn, targetArn });
  return tableScheduler(db, 'reminders');
}
