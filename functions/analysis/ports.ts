import { workflowArnEnv, type QueueId, type WorkflowId } from '../../lib/manifest-runtime.js';
import { requireEnv } from '../shared/config.js';
import { lazy } from '../shared/lazy.js';
import { traced } from '../shared/observability.js';
import { sendToQueue } from '../shared/queue.js';

/** Starting workflows and queueing messages, injected so services stay testable. */
export interface AnalysisPorts {
  startWorkflow(id: WorkflowId, name: string, input: unknown): Promise<string>;
  /** Sends messages in batches of ten; returns how many were accepted (throws QueueSendError naming any refused). */
  sendMessages(id: QueueId, bodies: unknown[]): Promise<number>;
}

const sfn = lazy(async () => {
  const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
  return { client: traced(new SFNClient({})), StartExecutionCommand };
});

export const awsPorts: AnalysisPorts = {
  async startWorkflow(id, name, input) {
    const { client, StartExecutionCommand } = await sfn();
    const out = await client.send(
      new StartExecutionCommand({
        stateMachineArn: requireEnv(workflowArnEnv(id)),
        name,
        input: JSON.stringify(input),
      }),
    );
    return out.executionArn!;
  },
  sendMessages: (id, bodies) => sendToQueue(id, bodies),
};
