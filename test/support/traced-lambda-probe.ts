/**
 * Run by test/unit/observability.test.ts in a child process with the variables the Lambda runtime
 * sets (tracing is decided at import, so it cannot share the test's process). Invokes a middy
 * handler wired like http.ts with `observeRequests`, which calls DynamoDB through a traced client
 * pointed at a local server; the segments go to the UDP "daemon" the test listens on. Prints what
 * DynamoDB received as JSON.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createServer } from 'node:http';

const traceHeaders: string[] = [];
const server = createServer((req, res) => {
  traceHeaders.push(String(req.headers['x-amzn-trace-id']));
  res.setHeader('content-type', 'application/x-amz-json-1.0');
  res.end('{"TableNames":[]}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

const { observeRequests, traced, tracer } = await import('../../functions/shared/observability.js');
const ddb = traced(
  new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' },
  }),
);
const handler = middy<{ routeKey: string }, { statusCode: number }>()
  .use(observeRequests('companies'))
  .handler(async () => {
    await ddb.send(new ListTablesCommand({}));
    return { statusCode: 200 };
  });
const result = await handler({ routeKey: 'GET /v1/companies' }, { functionName: 'probe' } as Context);
server.close();
// Subsegments go out over UDP as they close; give the socket a moment before exiting.
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(JSON.stringify({ tracing: tracer?.isTracingEnabled() ?? false, traceHeaders, result }));
