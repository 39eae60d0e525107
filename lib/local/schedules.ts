import { randomUUID } from 'node:crypto';
import { schedules } from '../manifest.js';
import { invokeInProcess, LOCAL_ACCOUNT, type LoadHandler } from './lambda-runtime.js';

/**
 * manifest.schedules in the local cloud: a timer per entry invoking its function with the event
 * an EventBridge scheduled rule sends. A run still going when the next is due is skipped, as a
 * slow drain in the cloud would only overlap itself.
 */
export function startSchedules(options: { region: string; loadHandler: LoadHandler; log: (line: string) => void }): {
  stop(): Promise<void>;
} {
  const running = new Set<Promise<unknown>>();
  const timers = schedules.map((s) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: LOCAL_ACCOUNT,
        time: new Date().toISOString(),
        region: options.region,
        resources: [`arn:aws:events:${options.region}:${LOCAL_ACCOUNT}:rule/quoteflow-${s.id}`],
        detail: {},
      };
      const run = invokeInProcess({ fn: s.fn, load: options.loadHandler, event, region: options.region })
        .catch((error: unknown) => options.log(`Schedule ${s.id} failed: ${(error as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, s.everyMinutes * 60_000);
    // The timer alone never keeps the process alive.
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
    },
  };
}
