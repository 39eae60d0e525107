import { queueUrlEnv, workflowArnEnv, type QueueId, type WorkflowId } from '../../lib/manifest.js';
import { requireEnv } from '../shared/config.js';
import { lazy } from '../shared/lazy.js';

/** Starting workflows and queueing messages, injected so services stay testable. */
export interface AnalysisPorts {
  startWorkflow(id: WorkflowId, name: string, input: unknown): Promise<string>;
  /** Sends messages in batches of ten; returns how many were accepted. */
  sendMessages(id: QueueId, bodies: unknown[]): Promise<number>;
}

const sfn = lazy(async () => {
  const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
  return { client: new SFNClient({}), StartExecutionCommand };
});

const sqs = lazy(async () => {
  const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  // Local queue URLs carry a host:port the SDK cannot parse; AWS_ENDPOINT_URL_SQS decides where calls go anyway.
  return { client: new SQSClient({ useQueueUrlAsEndpoint: false }), SendMessageBatchCommand };
});

const SEND_CONCURRENCY = 8;

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
  async sendMessages(id, bodies) {
    const { client, SendMessageBatchCommand } = await sqs();
    const url = requireEnv(queueUrlEnv(id));
    const chunks: unknown[][] = [];
    for (let i = 0; i < bodies.length; i += 10) chunks.push(bodies.slice(i, i + 10));
    let sent = 0;
    for (let i = 0; i < chunks.length; i += SEND_CONCURRENCY) {
      const results = await Promise.all(
        chunks.slice(i, i + SEND_CONCURRENCY).map((chunk) =>
          client.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: chunk.map((body, n) => ({ Id: String(n), MessageBody: JSON.stringify(body) })),
            }),
          ),
        ),
      );
      for (const r of results) {
        if (r.Failed?.length)
          throw new Error(`SQS refused ${r.Failed.length} message(s): ${r.Failed[0]!.Message ?? r.Failed[0]!.Code}`);
        sent += r.Successful?.length ?? 0;
      }
    }
    return sent;
  },
};
