import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFunctionArn, type LocalHandler } from '../../lib/local/lambda-runtime.js';
import { startStepFunctions, type LocalStepFunctions } from '../../lib/local/step-functions.js';

const REGION = 'eu-west-2';
const PORT = 5311;

class TransientError extends Error {
  override name = 'TransientError';
}
class AiUnavailableError extends Error {
  override name = 'AiUnavailableError';
}
class ValidationError extends Error {
  override name = 'ValidationError';
}

/** Shaped like the analysis workflow: a retried task, a Catch into a failure step, then Fail. */
const ASL = JSON.stringify({
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: '${analysisSteps}',
      Parameters: { step: 'work', 'mode.$': '$.mode', 'runId.$': '$.runId' },
      ResultPath: '$.result',
      Retry: [
        {
          ErrorEquals: ['TransientError', 'AiUnavailableError'],
          IntervalSeconds: 1,
          MaxAttempts: 2,
          BackoffRate: 1,
          JitterStrategy: 'FULL',
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'MarkFailed' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    MarkFailed: {
      Type: 'Task',
      Resource: '${analysisSteps}',
      Parameters: { step: 'fail', 'runId.$': '$.runId', 'error.$': '$.error' },
      ResultPath: null,
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'AnalysisFailed', Cause: 'The run records the reason' },
  },
});

interface StepEvent {
  step: 'work' | 'fail';
  mode?: string;
  runId: string;
  error?: { Error: string; Cause: string };
}

const attempts = new Map<string, number>();
const failures = new Map<string, { Error: string; Cause: string }>();
let releaseGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (releaseGate = resolve));
const contexts: { functionName: string; invokedFunctionArn: string; remaining: number }[] = [];

const steps = async (
  event: StepEvent,
  context: { functionName: string; invokedFunctionArn: string; getRemainingTimeInMillis(): number },
) => {
  contexts.push({
    functionName: context.functionName,
    invokedFunctionArn: context.invokedFunctionArn,
    remaining: context.getRemainingTimeInMillis(),
  });
  if (event.step === 'fail') {
    failures.set(event.runId, event.error!);
    return { recorded: true };
  }
  const n = (attempts.get(event.runId) ?? 0) + 1;
  attempts.set(event.runId, n);
  switch (event.mode) {
    case 'ok':
      return { score: 42 };
    case 'flaky':
      if (n <= 2) throw new TransientError(`upstream hiccup ${n}`);
      return { score: 7 };
    case 'ai-down':
      throw new AiUnavailableError('The AI provider is unavailable');
    case 'broken':
      throw new ValidationError('Company has no name');
    case 'gate':
      await gate;
      return { score: 1 };
    default:
      throw new Error(`unknown mode ${event.mode}`);
  }
};

let sfn: LocalStepFunctions<'test'>;
let client: SFNClient;
let arn: string;
let run = 0;

const start = async (mode: string, name?: string) => {
  const runId = `run-${++run}-${mode}`;
  const out = await client.send(
    new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify({ mode, runId }) }),
  );
  return { runId, executionArn: out.executionArn!, startDate: out.startDate };
};
const describeExecution = (executionArn: string) => client.send(new DescribeExecutionCommand({ executionArn }));

beforeAll(async () => {
  sfn = await startStepFunctions({
    port: PORT,
    region: REGION,
    stateMachines: [{ id: 'test', asl: ASL }],
    loadHandler: async () => steps as unknown as LocalHandler,
  });
  client = new SFNClient({
    endpoint: sfn.url,
    region: REGION,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  arn = sfn.stateMachineArns.test;
});

afterAll(async () => {
  releaseGate();
  await sfn?.stop();
  client?.destroy();
});

describe('local Step Functions', () => {
  it('names state machines like the stack and Task resources as function ARNs', async () => {
    expect(arn).toBe('arn:aws:states:eu-west-2:000000000000:stateMachine:quoteflow-test');
    const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(JSON.parse(machine.definition!).States.Work.Resource).toBe(localFunctionArn(REGION, 'analysisSteps'));
    expect(machine.definition).toContain('arn:aws:lambda:eu-west-2:000000000000:function:quoteflow-analysisSteps');
  });

  it('runs an execution to SUCCEEDED with the output the states build', async () => {
    const { runId, executionArn, startDate } = await start('ok');
    expect(executionArn).toMatch(/^arn:aws:states:eu-west-2:000000000000:execution:quoteflow-test:[0-9a-f-]{36}$/);
    expect(startDate).toBeInstanceOf(Date);
    await sfn.idle();
    const d = await describeExecution(executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ mode: 'ok', runId, result: { score: 42 } });
    expect(JSON.parse(d.input!)).toEqual({ mode: 'ok', runId });
    expect(d.stopDate!.getTime()).toBeGreaterThanOrEqual(d.startDate!.getTime());
    expect(contexts.at(-1)).toMatchObject({
      functionName: 'quoteflow-analysisSteps',
      invokedFunctionArn: localFunctionArn(REGION, 'analysisSteps'),
    });
    // analysisSteps has a 120 s timeout in the manifest: the context counts down from it.
    expect(contexts.at(-1)!.remaining).toBeGreaterThan(100_000);
  });

  it('retries a task that throws TransientError, then succeeds', async () => {
    const { runId, executionArn } = await start('flaky');
    await sfn.idle();
    const d = await describeExecution(executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(attempts.get(runId)).toBe(3);
    expect(JSON.parse(d.output!).result).toEqual({ score: 7 });
    expect(failures.has(runId)).toBe(false);
  });

  it('matches Retry on the thrown error name (AiUnavailableError), then Catch hands {Error, Cause} to the failure step', async () => {
    const { runId, executionArn } = await start('ai-down');
    await sfn.idle();
    expect(attempts.get(runId)).toBe(3); // first try + MaxAttempts 2
    const error = failures.get(runId)!;
    expect(error.Error).toBe('AiUnavailableError');
    const cause = JSON.parse(error.Cause);
    expect(cause).toMatchObject({ errorType: 'AiUnavailableError', errorMessage: 'The AI provider is unavailable' });
    expect(cause.trace[0]).toBe('AiUnavailableError: The AI provider is unavailable');
    const d = await describeExecution(executionArn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'AnalysisFailed', cause: 'The run records the reason' });
  });

  it('sends a non-retryable error straight to Catch', async () => {
    const { runId, executionArn } = await start('broken');
    await sfn.idle();
    expect(attempts.get(runId)).toBe(1);
    expect(failures.get(runId)!.Error).toBe('ValidationError');
    expect(JSON.parse(failures.get(runId)!.Cause)).toMatchObject({
      errorType: 'ValidationError',
      errorMessage: 'Company has no name',
    });
    expect((await describeExecution(executionArn)).status).toBe('FAILED');
  });

  it('reports RUNNING while a task runs, then SUCCEEDED; lists by status', async () => {
    const { executionArn } = await start('gate', 'gated-run');
    expect(executionArn).toBe('arn:aws:states:eu-west-2:000000000000:execution:quoteflow-test:gated-run');
    const running = await describeExecution(executionArn);
    expect(running.status).toBe('RUNNING');
    expect(running.stopDate).toBeUndefined();
    expect(running.output).toBeUndefined();
    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(listed.executions!.map((e) => e.executionArn)).toEqual([executionArn]);

    releaseGate();
    await sfn.idle();
    expect((await describeExecution(executionArn)).status).toBe('SUCCEEDED');
    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(all.executions!.length).toBeGreaterThanOrEqual(5);
    expect(all.executions![0]!.executionArn).toBe(executionArn); // newest first
    expect(
      (await client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }))).executions,
    ).toEqual([]);
  });

  it('refuses a reused execution name and unknown ARNs with the real error types', async () => {
    const input = JSON.stringify({ mode: 'ok', runId: 'dup' });
    await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'dup-name', input }));
    await sfn.idle();
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'dup-name', input })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: `${arn}-nope`, input })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(describeExecution(`${arn.replace(':stateMachine:', ':execution:')}:missing`)).rejects.toBeInstanceOf(
      ExecutionDoesNotExist,
    );
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{not json' })),
    ).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
  });

  it('loads and validates the manifest workflows from their ASL files', async () => {
    const real = await startStepFunctions({
      port: PORT + 1,
      region: REGION,
      loadHandler: async () => steps as unknown as LocalHandler,
    });
    try {
      expect(real.stateMachineArns).toEqual({
        analysis: 'arn:aws:states:eu-west-2:000000000000:stateMachine:quoteflow-analysis',
      });
    } finally {
      await real.stop();
    }
  });
});
